/** What every export target is given, and what it gives back. */
import type { ChainOutcome, JobSpec } from '../../../../shared/config/schema';
import type { ExportLoss, JobLosses } from './losses';

export const EXPORT_TARGETS = ['systemd', 'crontab', 'launchd', 'kubernetes'] as const;
export type ExportTargetName = (typeof EXPORT_TARGETS)[number];
export type ExecMode = 'cronbar' | 'native';

export interface ExportContext {
  exec: ExecMode;
  /**
   * How to start this Cronbar's CLI from anywhere: the absolute node binary and CLI script, then the `--config` and
   * `--db` this export was given, so `cronbar run` reads the same jobs and history.
   */
  cronbarArgv: string[];
  /** The data directory the exported `cronbar run` must use (carried as CRONBAR_HOME). */
  dataDir: string;
  /** Kubernetes: the container image (required there). */
  image: string | null;
  /** The export's "now" (DST corrections count from it). */
  now: number;
  /** This machine's zone: crontab and launchd schedule in the target machine's zone, which we say when they differ. */
  localZone: string;
  home: string;
  /** The shell a string command runs in when the job names none (Cronbar's own rule: $SHELL, else /bin/sh). */
  defaultShell: string;
  /** Jobs paused in Cronbar's store (suspend them where the target can). */
  pausedIds: ReadonlySet<string>;
  /** keepRuns of the jobs file's prune-history job, if any (Kubernetes history limits). */
  keepRuns: number | null;
}

export interface ExportedFile {
  /** A file name (no directory). */
  name: string;
  text: string;
}

/** A target converts one job into pieces, then assembles the pieces of the jobs it kept into files. */
export interface ExportTarget<Piece> {
  name: ExportTargetName;
  defaultExec: ExecMode;
  convert(job: JobSpec, context: ExportContext, losses: JobLosses): Piece | null;
  /** Chains (`after:`): makes a parent's piece start `child` when its run ends `on` (only systemd can). */
  linkChain?(parent: Piece, child: JobSpec, on: ChainOutcome): void;
  assemble(pieces: Piece[], context: ExportContext): ExportedFile[];
}

export interface ExportResult {
  files: ExportedFile[];
  losses: ExportLoss[];
  exported: string[];
  refused: string[];
}
