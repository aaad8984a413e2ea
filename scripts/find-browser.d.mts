export const NO_BROWSER_LINE: string;
export function playwrightCacheDir(env?: Record<string, string | undefined>, platform?: string, home?: string): string;
export interface FindOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  home?: string;
  playwrightExecutable?: string | null;
  listDir?: (dir: string) => string[];
  exists?: (file: string) => boolean;
}
export function browserCandidates(options?: FindOptions): string[];
export function findBrowser(options?: FindOptions): string | null;
export function fetchPlaywrightChromium(run?: (command: string, args: string[]) => unknown): {
  executable: string | null;
  reason: string | null;
};
