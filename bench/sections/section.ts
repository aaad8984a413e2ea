/** What every section of the suite gets and gives back. */
import type { ChildName } from '../harness/build-children';
import type { TargetCheck } from '../harness/targets';

export interface BenchContext {
  quick: boolean;
  scripts: Record<ChildName, string>;
  /** Progress lines for the terminal (RESULTS.md gets the tables). */
  log: (line: string) => void;
}

export interface SectionReport {
  title: string;
  markdown: string;
  targets: TargetCheck[];
}
