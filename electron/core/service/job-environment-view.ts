/**
 * The contract's `jobEnvironment` answer for one job, from the same function the runner uses
 * (runner/job-environment.ts), so `cronbar env` and the window show what a run gets.
 */
import os from 'node:os';
import type { JobEnvironmentView } from '../../../shared/api/environment-methods';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobSpec } from '../../../shared/config/schema';
import { type BaseEnvironment, buildJobEnvironment, currentUser } from '../runner/job-environment';

/** Names whose values are kept out of answers unless asked for (the window, HTTP clients). */
const SECRET_NAME = /SECRET|TOKEN|PASSW|PASSPHRASE|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|AUTH|COOKIE|SESSION/i;
export const MASK = '********';

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function jobEnvironmentView(
  job: JobSpec,
  base: BaseEnvironment,
  who: { by: string; scheduler: boolean; reveal: boolean },
): JobEnvironmentView {
  if (job.action.kind !== 'command')
    throw new CronbarError(
      'invalid-input',
      `${job.id} is ${job.action.kind === 'http' ? 'an http check' : `the builtin ${job.action.name}`}: it runs no command, so it gets no environment`,
    );
  const home = os.homedir();
  const built = buildJobEnvironment({ action: job.action, base, home });
  const env = built.ok ? built.env : { ...base.env };
  const masked = who.reveal ? [] : Object.keys(env).filter(isSecretName).sort();
  for (const name of masked) env[name] = MASK;
  return {
    jobId: job.id,
    by: who.by,
    scheduler: who.scheduler,
    source: base.source,
    env,
    masked,
    pathEntries: built.ok ? built.pathEntries : (base.env.PATH ?? '').split(':').filter(Boolean),
    shell: built.ok ? built.shell : null,
    cwd: built.ok ? built.cwd : (job.action.cwd ?? home),
    user: currentUser(),
    envFile: built.ok ? built.envFile : (job.action.envFile ?? null),
    problem: built.ok ? null : built.problem,
  };
}
