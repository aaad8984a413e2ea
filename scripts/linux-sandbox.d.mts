export const USERNS_SYSCTL: string;
export function sandboxProblem(options: {
  platform: string;
  electronBinary: string;
  argv?: readonly string[];
  readFile?: (file: string) => string;
  stat?: (file: string) => { uid: number; mode: number };
}): string[] | null;
