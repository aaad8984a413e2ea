/**
 * systemd's OnSuccess=/OnFailure= (systemd.unit(5)) on an imported timer's service → `after:` on the unit they start,
 * when that unit is imported too: its own timer's jobs get the link, or a service given without a timer becomes a
 * job with no schedule that runs only after its parent. A unit they name that is not imported is a loss.
 */
import path from 'node:path';
import type { ChainOutcome } from '../../../../shared/config/schema';
import { serviceAction } from './systemd';
import { splitWords } from './systemd-exec';
import { listSetting, parseUnitFile } from './systemd-unit-file';
import type { ImportOptions, ImportResult, ImportSource } from './import-types';

export function linkSystemdChains(
  result: ImportResult,
  sources: readonly ImportSource[],
  options: ImportOptions & { readFile: (file: string) => string | null },
): void {
  const parents = new Map<string, number[]>();
  result.jobs.forEach((job, index) => {
    if (job.unit) parents.set(job.unit, [...(parents.get(job.unit) ?? []), index]);
  });
  // A service given beside the timers, by unit name: it may be a chain's child with no timer of its own.
  const givenServices = new Map(
    sources.filter((source) => source.name.endsWith('.service')).map((source) => [path.basename(source.name), source]),
  );
  const childJobs = new Map<string, number[]>();
  for (const [unit, parentJobs] of [...parents]) {
    const first = result.jobs[parentJobs[0]!]!;
    const serviceFile = path.join(path.dirname(first.file), unit);
    const text = options.readFile(serviceFile);
    if (text === null) continue;
    const service = parseUnitFile(text);
    for (const key of ['OnSuccess', 'OnFailure'] as const) {
      for (const entry of listSetting(service, 'Unit', key)) {
        for (const target of splitWords(entry.value)) {
          const children = childJobs.get(target) ?? parents.get(target) ?? importChild(target);
          if (children === null) {
            result.losses.push({
              file: serviceFile,
              line: entry.line,
              reason: `${key}=${target}: ${target} is not among the imported units, so nothing runs after this job (import it with this timer)`,
            });
            continue;
          }
          childJobs.set(target, children);
          const on: ChainOutcome = key === 'OnSuccess' ? 'success' : 'failure';
          for (const child of children) for (const parent of parentJobs) addLink(child, parent, on);
        }
      }
    }
  }

  /** A service with no timer, given with the import: a job that only runs after its parent. */
  function importChild(unit: string): number[] | null {
    const source = givenServices.get(unit);
    if (!source) return null;
    const action = serviceAction(parseUnitFile(source.text), source.name, unit, options, result.losses);
    if (!action) return null;
    result.jobs.push({ idHint: unit.replace(/\.service$/, ''), unit, file: source.name, line: 0, job: action });
    return [result.jobs.length - 1];
  }

  function addLink(child: number, parent: number, on: ChainOutcome): void {
    const job = result.jobs[child]!;
    const links = (job.after ??= []);
    const same = links.find((link) => link.parent === parent);
    // OnSuccess= and OnFailure= naming the same unit: it runs whatever the outcome.
    if (same) same.on = same.on === on ? on : 'always';
    else links.push({ parent, on });
  }
}
