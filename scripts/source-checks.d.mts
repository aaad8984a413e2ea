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
export function sourceProblems(root: string, dirs?: string[]): { cycles: string[][]; dangling: DanglingMention[] };
