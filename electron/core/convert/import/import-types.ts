/**
 * What every importer returns: Cronbar jobs in the jobs-file shape (before ids are made unique against the file) and
 * a loss for everything that was not carried over exactly, placed at the file and line it came from.
 */
import type { IMPORT_FORMATS } from '../../../../shared/api/contract';
import type { ChainOutcome, RawJob } from '../../../../shared/config/schema';

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One input file: its name as the admin knows it (a path, or `stdin`) and its text. */
export interface ImportSource {
  name: string;
  text: string;
}

/** Something not carried over exactly. `line` is 1-based; 0 means the file as a whole. */
export interface ImportLoss {
  file: string;
  line: number;
  reason: string;
}

/** A job as read from the source; `idHint` is the readable base the final id is made from. */
export interface ImportedJob {
  idHint: string;
  job: Omit<RawJob, 'id'>;
  file: string;
  line: number;
  /** The systemd service a timer's job runs (chains are linked by unit name: systemd-chains.ts). */
  unit?: string;
  /** `after:` by the index of the parent job in the same result; ids are made later (prepareImport). */
  after?: Array<{ parent: number; on: ChainOutcome }>;
  /** The source line as written (crontab): what commenting it out in the user's crontab looks for. */
  sourceText?: string;
  /** The line was commented out by an earlier import (`# moved to Cronbar …:`): its job is in Cronbar already. */
  moved?: boolean;
}

export interface ImportResult {
  jobs: ImportedJob[];
  losses: ImportLoss[];
}

export interface ImportOptions {
  /** Who runs the import: a system crontab line or unit for another user is reported. */
  currentUser: string;
  /** The zone the source's scheduler used for times without a zone (the machine's zone). */
  localZone: string;
  /** Years ahead in which DST changes are checked for schedule differences (default 3). */
  dstYears?: number;
  /** The base time for DST checks (default now). */
  now?: number;
  /** Reads a file a unit refers to (EnvironmentFile=, the .service of a .timer); null when it cannot be read. */
  readFile?: (file: string) => string | null;
}
