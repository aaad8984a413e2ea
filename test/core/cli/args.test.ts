import { describe, expect, it } from 'vitest';
import { UsageError, commandUsage, findCommand, parseCliArgs, usage } from '../../../electron/core/cli/args';
import { COMMANDS } from '../../../electron/core/cli/commands';

function usageError(argv: string[]): UsageError {
  try {
    parseCliArgs(argv, COMMANDS);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} parsed`);
}

describe('cronbar argument parsing', () => {
  it('suggests the command a typo meant', () => {
    expect(usageError(['lsit']).message).toBe('unknown command "lsit" — did you mean "list"?');
    expect(usageError(['histroy']).message).toContain('did you mean "history"?');
    expect(usageError(['frobnicate']).message).toBe('unknown command "frobnicate"');
  });

  it("suggests the option a typo meant, among that command's options only", () => {
    const typo = usageError(['list', '--jsno']);
    expect(typo.message).toBe('unknown option --jsno for list — did you mean --json?');
    expect(typo.command).toBe('list');
    // --force belongs to run, not to list.
    expect(usageError(['list', '--force']).message).toBe('unknown option --force for list');
  });

  it("reads a command's options before or after its name, and global options anywhere", () => {
    const args = parseCliArgs(['--data-dir', '/tmp/x', '--count', '3', 'next', 'backup', '--json'], COMMANDS);
    expect(args).toMatchObject({ command: 'next', positionals: ['backup'], count: 3, json: true, dataDir: '/tmp/x' });
    expect(args.options.count).toBe('3');
  });

  it('lists every command in the help and gives each its own', () => {
    const help = usage(COMMANDS);
    for (const spec of COMMANDS) expect(help).toContain(`  ${spec.name}`);
    expect(commandUsage(findCommand('run', COMMANDS)!)).toMatch(/^Usage: cronbar run <job>[\s\S]*--force/);
  });
});
