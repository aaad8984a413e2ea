/**
 * No import circles in electron/ and shared/, the core and the contract never import the desktop's files, and no
 * comment there points at a file that does not exist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  danglingFileMentions,
  importCycles,
  importGraph,
  layerBreaches,
  sourceProblems,
} from '../../scripts/source-checks.mjs';

const ROOT = path.resolve(__dirname, '../..');

let planted: string | undefined;
afterEach(() => {
  if (planted) fs.rmSync(planted, { recursive: true, force: true });
  planted = undefined;
});

function plantTree(files: Record<string, string>): string {
  planted = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-source-checks-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(planted, file)), { recursive: true });
    fs.writeFileSync(path.join(planted, file), text);
  }
  return planted;
}

describe('the shape of the sources', () => {
  it('has no import circle, no uphill import and no comment naming a missing file in electron/ and shared/', () => {
    const { cycles, uphill, dangling } = sourceProblems(ROOT);
    expect(cycles, 'import circles (cut them; run node scripts/source-checks.mjs)').toEqual([]);
    expect(uphill, 'the core or the contract importing the desktop (the CLI package does not ship it)').toEqual([]);
    expect(dangling, 'comments naming a file that does not exist').toEqual([]);
  });
});

describe('the import-circle check', () => {
  it('finds a planted circle, through type-only imports, re-exports and a folder index', () => {
    const root = plantTree({
      'electron/core/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'electron/core/b.ts': "export { c as b } from './parts';\n",
      'electron/core/parts/index.ts': "import type { A } from '../a';\nexport const c = 1;\nexport type C = A;\n",
      'electron/core/leaf.ts': "import { a } from './a';\nimport fs from 'node:fs';\nexport const leaf = [a, fs];\n",
      'shared/self.ts': "export * from './self';\n",
    });
    expect(importCycles(importGraph(root))).toEqual([
      ['electron/core/a.ts', 'electron/core/b.ts', 'electron/core/parts/index.ts'],
      ['shared/self.ts'],
    ]);
  });

  it('finds none in a tree that only imports downhill, dynamic imports included', () => {
    const root = plantTree({
      'electron/core/main.ts': "import { table } from './table';\nexport const run = table;\n",
      'electron/core/table.ts': "export const table = [() => import('./command')];\n",
      'electron/core/command.ts': "import { UsageError } from './args';\nexport const command = UsageError;\n",
      'electron/core/args.ts': 'export class UsageError extends Error {}\n',
    });
    expect(importCycles(importGraph(root))).toEqual([]);
  });
});

describe('the layer check', () => {
  it('names the core importing a desktop policy and the contract importing the core, not the desktop importing both', () => {
    const root = plantTree({
      'electron/core/notify/notifier.ts': "import { rule } from '../../policy/rule';\nexport const n = rule;\n",
      'electron/policy/rule.ts': "import type { Model } from '../../shared/model';\nexport const rule = 1;\n",
      'electron/app/tray.ts': "import { n } from '../core/notify/notifier';\nimport { rule } from '../policy/rule';\n",
      'shared/model.ts': "import type { X } from '../electron/core/x';\nexport type Model = X;\n",
      'electron/core/x.ts': "import type { Model } from '../../shared/model';\nexport type X = 1;\n",
    });
    expect(layerBreaches(importGraph(root))).toEqual([
      { file: 'electron/core/notify/notifier.ts', target: 'electron/policy/rule.ts' },
      { file: 'shared/model.ts', target: 'electron/core/x.ts' },
    ]);
  });
});

describe('the missing-file check', () => {
  it('names a comment pointing at a file that exists nowhere, not one that exists, a URL, a glob or a string', () => {
    const root = plantTree({
      'electron/core/cache.ts': [
        '/** Read from the DB (config-cache.ts); see cache.ts and core/cache.ts, and bench/NOTES.md. */',
        "// https://example.com/src/date.ts is someone else's; the *-target.ts files are a glob.",
        "export const name = 'nowhere.ts';",
        'export const other = 1; // after old/gone.ts',
      ].join('\n'),
      'bench/NOTES.md': 'notes\n',
    });
    expect(danglingFileMentions(root)).toEqual([
      { file: 'electron/core/cache.ts', line: 1, mention: 'config-cache.ts' },
      { file: 'electron/core/cache.ts', line: 4, mention: 'old/gone.ts' },
    ]);
  });
});
