/**
 * The API's bearer token: 32 random bytes in `<data>/api-token`, mode 0600, made on first use. Compared in constant
 * time: both sides are hashed to SHA-256 first, so `timingSafeEqual` always gets equal-length buffers and the length
 * of the expected token leaks nothing either.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from '../store/data-dir-modes';

export const TOKEN_FILE = 'api-token';

export function tokenPath(dataDir: string): string {
  return path.join(dataDir, TOKEN_FILE);
}

function newToken(): string {
  return `cronbar_${randomBytes(32).toString('base64url')}`;
}

/** Reads the token, creating it (0600, exclusively, so two processes cannot make two) when missing. */
export function readOrCreateToken(dataDir: string): string {
  const file = tokenPath(dataDir);
  const existing = readToken(file);
  if (existing) return existing;
  makePrivateDir(dataDir);
  const token = newToken();
  try {
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  } catch (error) {
    // Another process made it between our read and our write: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readToken(file) ?? token;
    throw error;
  }
}

/** Replaces the token atomically (a temp file in the same directory, 0600, renamed over the old one). */
export function rotateToken(dataDir: string): string {
  const file = tokenPath(dataDir);
  makePrivateDir(dataDir);
  const token = newToken();
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return token;
}

function readToken(file: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return text === '' ? null : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when `given` is the token. Constant time in the token's content. */
export function tokenMatches(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * The token as the server checks it: re-read when the file changes (`cronbar api token --rotate` beside a running
 * daemon takes effect on the next request), one stat per request otherwise.
 */
export class TokenSource {
  #token: string;
  #stamp: string;

  readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = tokenPath(dataDir);
    this.#token = readOrCreateToken(dataDir);
    this.#stamp = this.#fileStamp();
  }

  current(): string {
    const stamp = this.#fileStamp();
    if (stamp !== this.#stamp) {
      this.#token = readOrCreateToken(this.dataDir);
      this.#stamp = this.#fileStamp();
    }
    return this.#token;
  }

  #fileStamp(): string {
    try {
      const stat = fs.statSync(tokenPath(this.dataDir));
      return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'missing';
    }
  }
}
