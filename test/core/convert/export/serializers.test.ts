/**
 * The two small writers the export uses for speed read back, through the libraries and tools that own the formats,
 * as exactly the data they were given — strings that look like numbers, booleans, comments, YAML indicators, XML
 * markup, quotes, newlines and non-ASCII included.
 */
import { execFileSync } from 'node:child_process';
import * as plist from 'plist';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { blockYaml } from '../../../../electron/core/convert/export/block-yaml';
import { PlistError, plistXml } from '../../../../electron/core/convert/export/plist-xml';

const TRICKY = [
  '',
  ' ',
  'yes',
  'no',
  'on',
  'null',
  '~',
  '0123',
  '1e3',
  '0x1F',
  '.inf',
  '- item',
  '? key',
  ': colon',
  'a: b',
  '#comment',
  'a #b',
  '&anchor',
  '*alias',
  '!tag',
  '|',
  '>',
  '%TAG',
  '@at',
  '`tick`',
  "it's",
  'say "hi"',
  'back\\slash',
  'line\nbreak',
  'tab\there',
  '<b>&amp;</b>',
  'ünïcödé ✓',
  '\u2028',
  '{a: 1}',
  '[1, 2]',
  '---',
  '...',
];

const DATA = {
  apiVersion: 'batch/v1',
  strings: TRICKY,
  numbers: [0, 1, -5, 86400],
  flags: [true, false],
  empty: { list: [], map: {} },
  nested: [
    { name: 'job', command: ['/bin/sh', '-c', 'echo "$HOME" # not a comment'], env: [{ name: 'A B', value: 'x: y' }] },
    [1, ['deep']],
  ],
  'odd key: #1': 'value',
  'cronbar.io/job-id': 'Backup_Home',
};

describe('block YAML writer', () => {
  it('reads back with the yaml package as the same data', () => {
    expect(parse(blockYaml(DATA))).toEqual(DATA);
  });

  it('reads back exactly as what the yaml package itself writes', () => {
    expect(parse(blockYaml(DATA))).toEqual(parse(stringify(DATA)));
  });
});

describe('XML plist writer', () => {
  const AGENT = {
    Label: 'org.cronbar.job',
    ProgramArguments: TRICKY.filter((s) => s !== '\u2028'),
    EnvironmentVariables: { 'A&B': '<x>', HOME: '/Users/ada' },
    StartCalendarInterval: [{ Hour: 2, Minute: 30 }, { Weekday: 0 }, {}],
    StartInterval: 90,
    Disabled: true,
  };

  it('reads back with the plist package as the same data', () => {
    expect(plist.parse(plistXml(AGENT))).toEqual(AGENT);
  });

  it('reads back with Python plistlib as the same data', () => {
    const script = 'import plistlib,sys,json; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))';
    expect(JSON.parse(execFileSync('python3', ['-c', script], { input: plistXml(AGENT), encoding: 'utf8' }))).toEqual(
      AGENT,
    );
  });

  it('refuses what XML cannot carry rather than writing a broken plist', () => {
    expect(() => plistXml({ ProgramArguments: ['a\u0001b'] })).toThrow(PlistError);
    expect(() => plistXml({ StartInterval: 1.5 })).toThrow(PlistError);
  });
});
