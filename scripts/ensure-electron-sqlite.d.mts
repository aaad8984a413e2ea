export type Run = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => void;
export interface EnsureOptions {
  root?: string;
  version?: string;
  abi?: string;
  source?: string;
  arch?: string;
  quiet?: boolean;
  run?: Run;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}
export function electronAbi(version: string): string;
export function nativeBindingPath(abi: string, root?: string): string;
export function copyWithoutBuild(source: string, destination: string): void;
export function ensureElectronSqlite(options?: EnsureOptions): {
  code: 0 | 1 | 2;
  how: 'present' | 'prebuilt' | 'compiled' | null;
};
export function stageForPackaging(root?: string): void;
