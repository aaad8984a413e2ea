/** The `cronbar` CLI entry point. Returns the process exit code: 0 ok, 1 failed job or invalid file, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  console.error(`cronbar: not implemented yet (${argv.join(' ')})`);
  return 2;
}
