/**
 * The docs cannot rot: every fenced block marked `<!-- example -->` in README.md and docs/*.md is checked against the
 * real CLI — a YAML block is a jobs file `cronbar validate` accepts, a shell block runs line by line against a
 * temporary data directory (each line exits 0, or the code its comment names: `# exits 1`). And the README's quick
 * start is followed word for word on a fresh data directory and HOME.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/cronbar.cjs');

interface Block {
  file: string;
  line: number;
  lang: string;
  text: string;
  example: boolean;
}

/** Fenced blocks with their language and whether the line before (blank lines skipped) is `<!-- example -->`. */
function blocksOf(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++;
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    blocks.push({
      file: path.relative(ROOT, file),
      line: i + 1,
      lang: open[2]!,
      text: lines
        .slice(i + 1, end)
        .map((line) => line.slice(indent))
        .join('\n'),
      example: before >= 0 && lines[before]!.trim() === '<!-- example -->',
    });
    i = end;
  }
  return blocks;
}

const docFiles = [
  path.join(ROOT, 'README.md'),
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(ROOT, 'docs', name)),
];
const examples = docFiles.flatMap((file) => blocksOf(file, fs.readFileSync(file, 'utf8'))).filter((b) => b.example);

/** A fresh HOME and data directory, and a `cronbar` on PATH that is this checkout's build. */
function sandbox(): { home: string; dataDir: string; env: NodeJS.ProcessEnv } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-docs-'));
  const dataDir = path.join(home, 'data');
  const binDir = path.join(home, 'bin');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'cronbar'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
    mode: 0o755,
  });
  const env = {
    PATH: `${binDir}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    CRONBAR_HOME: dataDir,
    COLUMNS: '80',
    TZ: 'UTC',
    LANG: 'C.UTF-8',
  };
  return { home, dataDir, env };
}

/** Shell lines as a user types them: a trailing backslash continues the line. */
function commandLines(script: string): string[] {
  return script
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

function runLine(line: string, env: NodeJS.ProcessEnv, cwd: string) {
  const expected = Number(/#.*\bexits (\d+)/.exec(line)?.[1] ?? 0);
  const result = spawnSync('bash', ['-c', line], { env, cwd, encoding: 'utf8', timeout: 30_000 });
  return { expected, code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The jobs the docs' shell examples name, with commands that do nothing harmful. */
const FIXTURE = `jobs:
  - id: backup-home
    cron: "0 2 * * *"
    command: echo backed up
  - id: site-up
    every: 1m
    command: "true"
checks:
  - id: nas-backup
    cron: "30 3 * * *"
    grace: 2h
`;

describe('every example in the docs', () => {
  it('finds the examples', () => {
    expect(examples.filter((block) => block.lang === 'yaml').length).toBeGreaterThanOrEqual(3);
    expect(examples.filter((block) => block.lang === 'sh').length).toBeGreaterThanOrEqual(2);
  });

  for (const block of examples.filter((b) => b.lang === 'yaml')) {
    it(`${block.file}:${block.line} is a valid jobs file`, () => {
      const { dataDir, env, home } = sandbox();
      const file = path.join(dataDir, 'jobs.yaml');
      fs.writeFileSync(file, block.text);
      const result = spawnSync(process.execPath, [BIN, 'validate', '--config', file], {
        env,
        cwd: home,
        encoding: 'utf8',
      });
      expect(result.status, `${block.file}:${block.line}\n${result.stdout}${result.stderr}`).toBe(0);
    });
  }

  for (const block of examples.filter((b) => b.lang === 'sh')) {
    it(`${block.file}:${block.line} runs`, () => {
      const { dataDir, env, home } = sandbox();
      fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), FIXTURE);
      for (const line of commandLines(block.text)) {
        const { expected, code, output } = runLine(line, env, home);
        expect(code, `${block.file}:${block.line}: ${line}\n${output}`).toBe(expected);
      }
    }, 60_000);
  }
});

describe('links between the docs', () => {
  it('point at files and headings that exist', () => {
    const broken: string[] = [];
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\w\s-]/g, '')
        .trim()
        .replace(/\s/g, '-');
    for (const file of docFiles) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [where, anchor] = target!.split('#');
        const linked = where ? path.resolve(path.dirname(file), where) : file;
        if (!fs.existsSync(linked)) broken.push(`${path.relative(ROOT, file)}: ${target}`);
        else if (anchor && linked.endsWith('.md')) {
          const headings = [...fs.readFileSync(linked, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!));
          if (!headings.includes(anchor)) broken.push(`${path.relative(ROOT, file)}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("the README's quick start, word for word", () => {
  it('on a fresh data directory: the job is added, runs, is recorded; the failing one is reported', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## Quick start');
    const quickStart = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const blocks = blocksOf(path.join(ROOT, 'README.md'), quickStart);
    expect(blocks.map((block) => block.lang)).toEqual(['sh', 'yaml', 'sh', 'yaml', 'sh', 'yaml']);
    const { dataDir, env, home } = sandbox();
    const transcript: string[] = [];
    for (const block of blocks) {
      if (block.lang === 'yaml') {
        // "add this at the end" (under jobs:, or the notifications: section as a whole)
        fs.appendFileSync(path.join(dataDir, 'jobs.yaml'), `\n${block.text}\n`);
        continue;
      }
      for (const line of commandLines(block.text)) {
        const { expected, code, output } = runLine(line, env, home);
        transcript.push(`$ ${line}\n${output}`);
        expect(code, transcript.join('\n')).toBe(expected);
      }
    }
    // The channels of step 4, added at the end, leave a valid file.
    const validated = runLine('cronbar validate', env, home);
    expect(validated.code, validated.output).toBe(0);
    const log = transcript.join('\n');
    // Step 1 named the jobs file it created.
    expect(log).toContain(path.join(dataDir, 'jobs.yaml'));
    // Step 2: the backup ran for real and is in the history.
    expect(fs.existsSync(path.join(home, 'backups/notes.tar.gz'))).toBe(true);
    expect(log).toMatch(/backup-notes\s+manual\s+succeeded/);
    // Step 4: the failure is reported where the README says.
    expect(log).toMatch(/failing\s+fails-on-purpose \(1 failed in a row/);
    expect(log).toContain('disk full');
  }, 90_000);
});
