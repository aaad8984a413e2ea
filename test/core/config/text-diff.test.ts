import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../electron/core/config/text-diff';

/** What GNU diff -u prints for the same two texts (its header lines dropped). */
function gnuDiff(before: string, after: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-diff-'));
  fs.writeFileSync(path.join(dir, 'a'), before);
  fs.writeFileSync(path.join(dir, 'b'), after);
  const result = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  return result.stdout.split('\n').slice(2).join('\n');
}

const ours = (before: string, after: string) =>
  unifiedDiff(before, after, { from: 'a', to: 'b' }).split('\n').slice(2).join('\n');

describe('unifiedDiff', () => {
  const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`);
  const text = (edit: (copy: string[]) => void) => {
    const copy = [...lines];
    edit(copy);
    return `${copy.join('\n')}\n`;
  };
  const base = text(() => {});

  it.each([
    ['one line changed', text((c) => (c[30] = 'changed'))],
    ['lines added and removed far apart', text((c) => (c.splice(5, 2), c.splice(40, 0, 'new a', 'new b')))],
    ['changes close together in one hunk', text((c) => ((c[10] = 'x'), (c[14] = 'y')))],
    ['the first and last lines', text((c) => ((c[0] = 'first'), (c[59] = 'last')))],
    ['everything replaced', 'other\ntext\n'],
    ['from nothing', ''],
  ])('prints what diff -u prints: %s', (_name, after) => {
    expect(ours(base, after)).toBe(gnuDiff(base, after));
    expect(ours(after, base)).toBe(gnuDiff(after, base));
  });

  it('prints nothing for equal texts', () => {
    expect(unifiedDiff(base, base, { from: 'a', to: 'b' })).toBe('');
  });
});
