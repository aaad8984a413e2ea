/**
 * `cronbar edit`: opens the jobs file in $VISUAL / $EDITOR (or a plain editor), then checks it like `validate`. A
 * running scheduler picks the saved file up by itself; a broken one is refused there and the last good jobs go on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureJobsFile } from '../../config/write-jobs-file';
import { dataPaths } from '../../store/data-paths';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { chooseEditor, editorCommandLine } from '../editor';
import { resolveDataDir } from '../open-from-args';
import { validateFile } from './validate';

function onPath(command: string): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function editCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const file = args.config ? path.resolve(args.config) : dataPaths(resolveDataDir(args)).configPath;
  if (!args.config) ensureJobsFile(file);
  const editor = chooseEditor(process.env, process.platform, onPath);
  if (!editor) {
    err.write(`cronbar: no editor found: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), or edit ${file} by hand\n`);
    return 1;
  }
  const before = readOrNull(file);
  const result = spawnSync(editorCommandLine(editor, file, process.platform), { shell: true, stdio: 'inherit' });
  if (result.error) {
    err.write(`cronbar: could not start ${editor}: ${result.error.message}\n`);
    return 1;
  }
  if (result.status !== 0) err.write(`cronbar: ${editor} exited with ${result.status ?? result.signal}\n`);
  if (readOrNull(file) === before) out.write(`${file}: not changed\n`);
  return validateFile(file, out, err, { afterEdit: true });
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
