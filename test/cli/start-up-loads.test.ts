/**
 * The everyday read commands start fast because a warm run loads no parser and no schema: the jobs file's parse is
 * kept for the next reader (service/lazy-config.ts). One static import of the parser from a command's start-up path
 * doubles `cronbar list`'s time; this test names the command that does it. A real process, with a preload that
 * records which of the big packages (kept out of the bundle: scripts/build-cli.mjs) it requires.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cronbar, tempHome } from './cli-helpers';

const HEAVY = ['zod', 'yaml', 'js-yaml', 'fastify', 'prom-client', 'plist', 'nodemailer'];

/** The heavy packages `cronbar <args>` requires, in the order it requires them. */
function heavyLoads(home: string, args: string[]): string[] {
  const recorder = path.join(home, 'record-loads.cjs');
  const record = path.join(home, 'loads.txt');
  fs.writeFileSync(
    recorder,
    `const Module = require('node:module'); const load = Module._load; const fs = require('node:fs');
Module._load = function (request, ...rest) {
  if (${JSON.stringify(HEAVY)}.includes(request.split('/')[0])) fs.appendFileSync(${JSON.stringify(record)}, request + '\\n');
  return load.call(this, request, ...rest);
};\n`,
  );
  fs.rmSync(record, { force: true });
  const result = spawnSync(process.execPath, ['-r', recorder, BIN, ...args], {
    env: { ...process.env, CRONBAR_HOME: home },
    encoding: 'utf8',
  });
  expect(result.status === 0 || result.status === 3, `${args.join(' ')}: ${result.stderr}`).toBe(true);
  return fs.existsSync(record) ? [...new Set(fs.readFileSync(record, 'utf8').split('\n').filter(Boolean))] : [];
}

describe('a warm start of the everyday commands', () => {
  it('loads no parser, schema or server package', async () => {
    const home = tempHome();
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      'jobs:\n  - id: nightly\n    cron: "0 2 * * *"\n    command: "true"\n  - id: often\n    every: 5m\n    command: "true"\n',
    );
    await cronbar(['run', 'nightly'], { home });
    await cronbar(['list'], { home }); // the first reader parses and keeps the result
    const commands = [['list'], ['next', 'nightly'], ['status'], ['history'], ['logs', 'nightly'], ['--version']];
    const loads = Object.fromEntries(commands.map((args) => [args.join(' '), heavyLoads(home, args)]));
    expect(loads).toEqual(Object.fromEntries(commands.map((args) => [args.join(' '), []])));
  }, 60_000);
});
