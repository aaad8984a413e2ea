/**
 * The job options that shape the environment a command gets besides `env:`: `path:` (directories put in front of
 * PATH) and `envFile:` (a file of KEY=value lines, read at each run). A job or `defaults:` may set them; the runner
 * applies them in electron/core/runner/job-environment.ts, the one place that builds a job's environment.
 */
import { z } from 'zod';

export const jobEnvironmentFields = {
  path: z
    .array(z.string().min(1, 'a path: entry is an empty string'))
    .min(1, 'path: needs at least one directory (or leave it out)')
    .optional(),
  envFile: z.string().min(1).optional(),
};

/** A job's `path:` before the defaults' (both kept, first mention wins); its `envFile:` instead of the defaults'. */
export function resolveJobEnvironment(
  job: { path?: string[]; envFile?: string },
  defaults: { path?: string[]; envFile?: string },
): { path: readonly string[]; envFile: string | null } {
  return {
    path: Object.freeze([...new Set([...(job.path ?? []), ...(defaults.path ?? [])])]),
    envFile: job.envFile ?? defaults.envFile ?? null,
  };
}
