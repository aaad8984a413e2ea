/**
 * `cronbar edit`: opens the jobs file in $VISUAL / $EDITOR (or a plain editor), then checks it like `validate`. A
 * running scheduler picks the saved file up by itself; a broken one is refused there and the last good jobs go on.
 * On a terminal, a broken edit asks what now, as visudo does: edit again, keep it as it is, or put back the file as it
 * was before this edit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
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
  const interactive = process.stdin.isTTY === true && (err as NodeJS.WriteStream).isTTY === true;
  for (;;) {
    const result = spawnSync(editorCommandLine(editor, file, process.platform), { shell: true, stdio: 'inherit' });
    if (result.error) {
      err.write(`cronbar: could not start ${editor}: ${result.error.message}\n`);
      return 1;
    }
    if (result.status !== 0) err.write(`cronbar: ${editor} exited with ${result.status ?? result.signal}\n`);
    if (readOrNull(file) === before) out.write(`${file}: not changed\n`);
    const code = validateFile(file, out, err, { afterEdit: true });
    if (code === 0 || !interactive) return code;
    const answer = await askWhatNow(err);
    if (answer === 'edit') continue;
    if (answer === 'restore' && before !== null) {
      fs.writeFileSync(file, before);
      err.write(`${file}: put back as it was before this edit\n`);
      return 1;
    }
    return code;
  }
}

/** visudo's question after a broken edit; anything else than the three answers asks again, end of input keeps it. */
async function askWhatNow(err: NodeJS.WritableStream): Promise<'edit' | 'keep' | 'restore'> {
  const prompt = readline.createInterface({ input: process.stdin, output: err });
  try {
    for (;;) {
      const line = await new Promise<string | null>((resolve) => {
        prompt.once('close', () => resolve(null));
        prompt.question('What now? (e)dit again, (k)eep it broken, (r)estore the file as it was [e] ', resolve);
      });
      if (line === null) return 'keep';
      const answer = line.trim().toLowerCase();
      if (answer === '' || answer === 'e') return 'edit';
      if (answer === 'k') return 'keep';
      if (answer === 'r') return 'restore';
    }
  } finally {
    prompt.close();
  }
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
