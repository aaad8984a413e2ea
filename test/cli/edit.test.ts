/** `cronbar edit` with a scripted editor: the saved file is checked like `validate`. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, Daemon, cronbar, tempHome } from './cli-helpers';

/** An "editor" that replaces the file it is given with `text` (a node one-liner, so no real editor is needed). */
function scriptedEditor(home: string, text: string): string {
  const script = path.join(home, 'fake-editor.cjs');
  fs.writeFileSync(script, `require('node:fs').writeFileSync(process.argv[2], ${JSON.stringify(text)});\n`);
  return `"${process.execPath}" "${script}"`;
}

/** An "editor" that writes the next of `texts` each time it is opened (the last one from then on). */
function editorWritingInTurn(home: string, texts: string[]): string {
  const script = path.join(home, 'turns-editor.cjs');
  const counter = path.join(home, 'editor-opened');
  fs.writeFileSync(
    script,
    `const fs = require('node:fs'); const texts = ${JSON.stringify(texts)};
let n = 0; try { n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')); } catch {}
fs.writeFileSync(${JSON.stringify(counter)}, String(n + 1));
fs.writeFileSync(process.argv[2], texts[Math.min(n, texts.length - 1)]);\n`,
  );
  return `"${process.execPath}" "${script}"`;
}

/** `cronbar edit` on a terminal (util-linux `script` gives it a pty), answering `answers` to its questions. */
function editOnTerminal(home: string, editor: string, answers: string) {
  const command = `"${process.execPath}" "${BIN}" edit`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    input: answers,
    env: { ...process.env, CRONBAR_HOME: home, VISUAL: editor, TERM: 'dumb' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return {
    code: result.status,
    output: result.stdout,
    opened: Number(fs.readFileSync(path.join(home, 'editor-opened'), 'utf8')),
  };
}

const GOOD = 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n';
const BROKEN = 'jobs:\n  - id: tick\n    every: 1s\n    comand: echo tick\n';

describe('cronbar edit', () => {
  it('on a terminal, a broken edit asks what now: edit again until it is good', () => {
    const home = tempHome();
    const again = editOnTerminal(home, editorWritingInTurn(home, [BROKEN, GOOD]), 'e\n');
    expect(again.output).toMatch(/jobs\.yaml:4:\d+ jobs\[0\].*"comand"/);
    expect(again.output).toContain('What now? (e)dit again, (k)eep it broken, (r)estore the file as it was');
    expect(again.opened).toBe(2);
    expect(again.code, again.output).toBe(0);
    expect(fs.readFileSync(path.join(home, 'jobs.yaml'), 'utf8')).toBe(GOOD);
  }, 40_000);

  it('on a terminal, a broken edit can be undone (restore) or kept as it is', () => {
    const restoreHome = tempHome();
    fs.writeFileSync(path.join(restoreHome, 'jobs.yaml'), GOOD);
    const restored = editOnTerminal(restoreHome, editorWritingInTurn(restoreHome, [BROKEN]), 'r\n');
    expect(restored.code).toBe(1);
    expect(restored.output).toContain('put back as it was before this edit');
    expect(fs.readFileSync(path.join(restoreHome, 'jobs.yaml'), 'utf8')).toBe(GOOD);

    const keepHome = tempHome();
    fs.writeFileSync(path.join(keepHome, 'jobs.yaml'), GOOD);
    const kept = editOnTerminal(keepHome, editorWritingInTurn(keepHome, [BROKEN]), 'k\n');
    expect(kept.code).toBe(1);
    expect(kept.opened).toBe(1);
    expect(fs.readFileSync(path.join(keepHome, 'jobs.yaml'), 'utf8')).toBe(BROKEN);
  }, 40_000);

  it('opens the jobs file in $VISUAL over $EDITOR and reports a good result like validate', async () => {
    const home = tempHome();
    const good = scriptedEditor(home, 'jobs:\n  - id: edited\n    every: 5m\n    command: "true"\n');
    const result = await cronbar(['edit'], { home, env: { VISUAL: good, EDITOR: 'false' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${path.join(home, 'jobs.yaml')}: OK, 1 job (1 enabled)\n`);
    const list = await cronbar(['list', '--json'], { home });
    expect((JSON.parse(list.stdout) as Array<{ id: string }>).map((job) => job.id)).toEqual(['edited']);
  });

  it('reports every problem of a broken edit as file:line:col and exits 1, while a daemon keeps the last good jobs', async () => {
    const home = tempHome();
    fs.writeFileSync(path.join(home, 'jobs.yaml'), 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n');
    const daemon = new Daemon(home);
    try {
      await daemon.waitFor(/run \d+ tick succeeded/);
      const broken = scriptedEditor(home, 'jobs:\n  - id: tick\n    every: 1s\n    comand: echo tick\n');
      const result = await cronbar(['edit'], { home, env: { VISUAL: '', EDITOR: broken } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/jobs\.yaml:4:\d+ jobs\[0\].*"comand".*did you mean "command"/);
      expect(result.stderr).toContain('a running scheduler keeps the last good jobs until it is fixed');
      await daemon.waitFor(/jobs file rejected/);
      const before = (daemon.log.match(/tick succeeded/g) ?? []).length;
      await daemon.waitFor(new RegExp(`(?:[\\s\\S]*tick succeeded){${before + 1}}`));
    } finally {
      await daemon.stop('SIGKILL');
    }
  });

  it('says when the file was left unchanged, and when no editor can be found', async () => {
    const home = tempHome();
    const unchanged = await cronbar(['edit'], { home, env: { VISUAL: 'true' } });
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toMatch(/jobs\.yaml: not changed\n.*jobs\.yaml: OK, 2 jobs/);
    const none = await cronbar(['edit'], { home, env: { VISUAL: '', EDITOR: '', PATH: path.join(home, 'empty') } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no editor found: set $VISUAL or $EDITOR');
  });
});
