export const CHECKED_DIRS: string[];
export const TOLERATED_CYCLES: string[][];
export const OTHER_PROJECTS_FILES: Set<string>;
export function importGraph(root: string, dirs?: string[]): Map<string, string[]>;
export function importCycles(graph: Map<string, string[]>): string[][];
export interface DanglingMention {
  file: string;
  line: number;
  mention: string;
}
export function danglingFileMentions(root: string, dirs?: string[]): DanglingMention[];
export const LAYERS: { dir: string; may: string[] }[];
export interface LayerBreach {
  file: string;
  target: string;
}
export function layerBreaches(graph: Map<string, string[]>): LayerBreach[];
export function sourceProblems(
  root: string,
  dirs?: string[],
): { cycles: string[][]; uphill: LayerBreach[]; dangling: DanglingMention[] };
