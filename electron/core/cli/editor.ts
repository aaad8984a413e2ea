/** Which editor `cronbar edit` opens, and the shell command line that opens a file in it. Pure. */

/**
 * `$VISUAL`, then `$EDITOR` (either may carry arguments: `code --wait`), else the platform's plain editor: Notepad on
 * Windows, `editor` (Debian's alternative) then nano then vi elsewhere, the first that `exists` says is installed.
 */
export function chooseEditor(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  exists: (command: string) => boolean,
): string | null {
  for (const name of ['VISUAL', 'EDITOR']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  if (platform === 'win32') return 'notepad';
  return ['editor', 'nano', 'vi'].find(exists) ?? null;
}

/** The command line for a shell: the editor as given (it may hold arguments), then the file, quoted for that shell. */
export function editorCommandLine(editor: string, file: string, platform: NodeJS.Platform): string {
  const quoted = platform === 'win32' ? `"${file.replace(/"/g, '""')}"` : `'${file.replace(/'/g, `'\\''`)}'`;
  return `${editor} ${quoted}`;
}
