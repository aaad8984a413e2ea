/**
 * Real receivers on loopback for the notification channels: an SMTP server (smtp-server) whose mails are parsed with
 * mailparser, and a plain HTTP server that records each request (webhook, ntfy). Each can be stopped and started again
 * on the same port, as an outage would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiver {
  port: number;
  mails: ParsedMail[];
  /** Stops accepting: connections are refused until `start` again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  waitForMails(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
}

export async function startSmtp(auth?: { user: string; pass: string }, port = 0): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  const receiver: SmtpReceiver = {
    port,
    mails,
    async start() {
      server = new SMTPServer({
        // Plain SMTP on loopback: STARTTLS would need a certificate the client trusts.
        disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
        allowInsecureAuth: true,
        authOptional: !auth,
        logger: false,
        onAuth(credentials, _session, callback) {
          if (auth && credentials.username === auth.user && credentials.password === auth.pass)
            return callback(null, { user: credentials.username });
          return callback(new Error('Invalid username or password'));
        },
        onData(stream, _session, callback) {
          simpleParser(stream).then(
            (mail) => {
              mails.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        },
      });
      await new Promise<void>((resolve) => server!.listen(receiver.port, '127.0.0.1', resolve));
      receiver.port = (server.server.address() as AddressInfo).port;
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    async waitForMails(count, timeoutMs = 10_000) {
      await waitUntil(
        () => mails.length >= count,
        timeoutMs,
        () => `${mails.length} of ${count} mails arrived`,
      );
      return mails;
    },
  };
  await receiver.start();
  return receiver;
}

export interface HttpRequestSeen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  port: number;
  url: string;
  requests: HttpRequestSeen[];
  /** The answer to the next requests (default 200 "ok"). */
  answer: { status: number; body: string };
  close(): Promise<void>;
  waitForRequests(count: number, timeoutMs?: number): Promise<HttpRequestSeen[]>;
}

export async function startHttp(): Promise<HttpReceiver> {
  const requests: HttpRequestSeen[] = [];
  const receiver = { requests, answer: { status: 200, body: 'ok' } } as HttpReceiver;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(receiver.answer.status, { 'content-type': 'text/plain' });
      response.end(receiver.answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  receiver.waitForRequests = async (count, timeoutMs = 10_000) => {
    await waitUntil(
      () => requests.length >= count,
      timeoutMs,
      () => `${requests.length} of ${count} requests arrived`,
    );
    return requests;
  };
  return receiver;
}

export async function waitUntil(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
