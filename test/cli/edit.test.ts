/** `cronbar edit` with a scripted editor: the saved file is checked like `validate`. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Daemon, cronbar, tempHome } from './cli-helpers';

/** An "editor" that replaces the file it is given with `text` (a node one-liner, so no real editor is needed). */
function scriptedEditor(home: string, text: string): string {
  const script = path.join(home, 'fake-editor.cjs');
  fs.writeFileSync(script, `require('node:fs').writeFileSync(process.argv[2], ${JSON.stringify(text)});\n`);
  return `"${process.execPath}" "${script}"`;
}

describe('cronbar edit', () => {
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
