/**
 * The contract's entries about the environment a job really gets (spread into `serviceMethods` in contract.ts, so
 * IPC, the preload, HTTP and the control socket derive them like every other method).
 */
import { z } from 'zod';

const jobId = z.string().min(1).max(64);

/** What a command job gets from the process that runs it, as `cronbar env` and the window show it. */
export const JobEnvironmentSchema = z.object({
  jobId: z.string(),
  /** Who computed it and would run the job: `the daemon (pid 4242)`, or this command when no scheduler runs. */
  by: z.string(),
  /** True when `by` is the running scheduler; false when none runs and this is what a CLI run here would give. */
  scheduler: z.boolean(),
  /** Where the base came from: `login shell /bin/zsh`, `the daemon's own environment`. */
  source: z.string(),
  /** NAME → value, without the per-run CRONBAR_* variables. Secret-looking values are masked unless `reveal`. */
  env: z.record(z.string(), z.string()),
  /** The names whose values are masked in `env`. */
  masked: z.array(z.string()),
  /** PATH as the job's shell searches it, entry by entry. */
  pathEntries: z.array(z.string()),
  /** The shell of a string command; null for an argv command (run directly). */
  shell: z.string().nullable(),
  cwd: z.string(),
  user: z.string(),
  envFile: z.string().nullable(),
  /** Why a run would fail before starting (a bad env file), or null. */
  problem: z.string().nullable(),
});
export type JobEnvironmentView = z.infer<typeof JobEnvironmentSchema>;

export const environmentMethods = {
  jobEnvironment: {
    input: z.object({ id: jobId, reveal: z.boolean().default(false) }),
    output: JobEnvironmentSchema,
    doc: 'The exact environment, shell, working directory and user a command job gets from the process that schedules it. Secret-looking values are masked unless reveal is set.',
  },
  testRun: {
    input: z.object({ id: jobId, force: z.boolean().default(false) }),
    output: z.object({
      runId: z.number().int().positive().nullable(),
      queued: z.boolean(),
      refused: z.string().nullable(),
    }),
    doc: 'Test run as scheduled: runs a job now through the scheduling process, in its environment, recorded as a manual run marked as a test (trigger "test"). Respects the overlap policy unless forced.',
  },
} as const;
