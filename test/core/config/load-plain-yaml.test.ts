import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_FILE } from '../../../electron/core/config/default-jobs-file';
import { parseYaml } from '../../../electron/core/config/load-jobs-file';
import { loadPlainYaml } from '../../../electron/core/config/load-plain-yaml';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/config', name), 'utf8');

/** What `yaml`, the dialect of record, makes of the text. */
function byYaml(text: string): unknown {
  const doc = parseYaml(text);
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  return doc.toJS({ maxAliasCount: 100 });
}

describe('loadPlainYaml reads what yaml reads', () => {
  it.each([
    ['the example file', fixture('jobs-example.yaml')],
    ['the file of many mistakes (valid YAML, invalid jobs)', fixture('many-errors.yaml')],
    ['the default file written on first start', DEFAULT_JOBS_FILE],
    ['Windows line ends', 'jobs:\r\n  - id: a\r\n    every: 1m\r\n    command: ls\r\n'],
    ['a byte-order mark', '\uFEFFjobs: []\n'],
    ['block scalars', 'command: |\n  a\n  b\nnote: >-\n  c\n  d\n'],
  ])('%s', (_label, text) => {
    expect(loadPlainYaml(text)).toEqual(byYaml(text));
  });

  // YAML 1.2 core schema: the 1.1 booleans and sexagesimals are text, 0o is octal, no underscores or 0b in numbers.
  it.each([
    'on',
    'off',
    'yes',
    'no',
    'y',
    'N',
    'True',
    'FALSE',
    'tRue',
    '~',
    'null',
    'Null',
    'nULL',
    '',
    '0o17',
    '017',
    '0x1F',
    '-0x1F',
    '0b101',
    '1_000',
    '1e3',
    '1E-3',
    '.5',
    '1.',
    '+1',
    '-0',
    '.inf',
    '-.Inf',
    '.NaN',
    '+.nan',
    '12:30',
    '12:30:45',
    '2027-01-01',
    '2027-01-01T09:00',
    '0.1.2',
    '0o8',
    '9007199254740993',
    '"0o17"',
    "'yes'",
    '!!str 5',
    '!!int "5"',
    '<<',
    '"\\u00e9\\x41"',
    "'it''s'",
    'a #comment',
    '"* * * * *"',
    '[on, 1, "2"]',
  ])('the scalar %s', (scalar) => {
    const text = `value: ${scalar}\n`;
    const plain = loadPlainYaml(text) as { value: unknown };
    const reference = byYaml(text) as { value: unknown };
    expect(plain.value).toEqual(reference.value);
    expect(typeof plain.value).toBe(typeof reference.value);
  });
});

describe('loadPlainYaml leaves to yaml what the two could read differently', () => {
  it.each([
    ['an alias (yaml limits their expansion)', 'a: &x [1]\nb: *x\n'],
    ['a merge key (yaml merges the map, js-yaml would keep a key "<<")', 'env:\n  <<: { A: x }\n'],
    ['a %YAML 1.1 directive (yaml then reads `on` as true)', '%YAML 1.1\n---\na: on\n'],
    ['a null key (js-yaml would name it "null", yaml "")', 'env:\n  ~: x\n'],
    ['a number key', 'env:\n  1: x\n'],
    ['a list as a key', 'env:\n  ? [a, b]\n  : c\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['an unknown tag', 'a: !foo 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: "open\n'],
    ['an empty file', ''],
    ['a file of comments', '# nothing\n'],
  ])('%s', (_label, text) => {
    expect(loadPlainYaml(text)).toBeUndefined();
  });
});
