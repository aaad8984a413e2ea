/**
 * `cronbar export <systemd|crontab|launchd|kubernetes> [JOB...]`: the jobs (all, or those named) as the target's
 * files — on stdout, or written atomically into `--out DIR`. What a target cannot carry goes to stderr with the job
 * id; a refused job is left out and makes the exit code 1. The jobs file is only read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemTimezone } from '../../../../shared/config/schema';
import { suggestKey } from '../../config/did-you-mean';
import { writeFileAtomically } from '../../config/write-jobs-file';
import {
  EXPORT_TARGETS,
  type ExecMode,
  type ExportContext,
  type ExportTargetName,
  type ExportedFile,
} from '../../convert/export/export-context';
import { exportJobs, exportTarget } from '../../convert/export/export-jobs';
import { formatLoss } from '../../convert/export/losses';
import { type CliArgs, UsageError } from '../args';
import { jobsFilePath, readCheckedJobsFile } from '../checked-jobs-file';
import { openFromArgs, resolveDataDir } from '../open-from-args';

export async function exportCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const [targetName, ...ids] = args.positionals;
  const target = parseTarget(targetName);
  const exec = parseExec(args.options.exec, target);
  const image = typeof args.options.image === 'string' ? args.options.image : null;
  if (target === 'kubernetes' && !image) {
    throw new UsageError(
      'kubernetes needs --image IMG: a workstation command does not run by itself in a cluster; name the container image that holds it',
    );
  }
  const dataDir = resolveDataDir(args);
  const configPath = jobsFilePath(args);
  const checked = readCheckedJobsFile(configPath, err);
  if (!checked.ok) {
    if (checked.problems > 0) err.write(`cronbar: ${configPath} has problems; nothing was exported\n`);
    return 1;
  }
  const all = checked.config.jobs;
  const unknown = ids.filter((id) => !all.some((job) => job.id === id));
  if (unknown.length > 0) {
    for (const id of unknown) {
      const suggestion = suggestKey(
        id,
        all.map((job) => job.id),
      );
      err.write(`cronbar: no job ${JSON.stringify(id)}${suggestion ? ` — did you mean "${suggestion}"?` : ''}\n`);
    }
    return 3;
  }
  const jobs = ids.length > 0 ? all.filter((job) => ids.includes(job.id)) : all;
  const prune = all.find((job) => job.action.kind === 'builtin' && job.action.name === 'prune-history');
  const context: ExportContext = {
    exec,
    cronbarArgv: [
      process.execPath,
      fs.realpathSync(process.argv[1] ?? process.execPath),
      ...(args.config ? ['--config', configPath] : []),
      ...(args.db ? ['--db', args.db === ':memory:' ? ':memory:' : path.resolve(args.db)] : []),
    ],
    dataDir,
    image,
    now: Date.now(),
    localZone: systemTimezone(),
    home: os.homedir(),
    defaultShell: process.env.SHELL || '/bin/sh',
    pausedIds: await pausedJobIds(args),
    keepRuns: prune?.action.kind === 'builtin' && prune.action.name === 'prune-history' ? prune.action.keepRuns : null,
  };
  const result = exportJobs(target, jobs, context, { strict: args.options.strict === true });
  const outDir = typeof args.options.out === 'string' ? path.resolve(args.options.out) : null;
  if (args.json) {
    if (outDir) {
      fs.mkdirSync(outDir, { recursive: true });
      for (const file of result.files) writeFileAtomically(path.join(outDir, file.name), file.text);
    }
    const losses = result.losses.map((loss) => ({ ...loss, text: formatLoss(loss) }));
    out.write(
      `${JSON.stringify({ target, outDir, exported: result.exported, refused: result.refused, losses, files: result.files }, null, 2)}\n`,
    );
    return result.refused.length > 0 ? 1 : 0;
  }
  for (const loss of result.losses) err.write(`${formatLoss(loss)}\n`);
  if (exec === 'native' && result.exported.length > 0) {
    err.write(
      `note: with --exec native ${target} runs the commands itself: Cronbar sends no failure notification and keeps no history for them (--exec cronbar keeps both)\n`,
    );
  }
  if (target === 'kubernetes' && result.exported.length > 0) {
    err.write(
      `note: each command runs in a container of ${image}; a workstation command does not run by itself in a cluster, so the image must hold the program, its files and credentials\n`,
    );
  }
  if (outDir) {
    fs.mkdirSync(outDir, { recursive: true });
    for (const file of result.files) writeFileAtomically(path.join(outDir, file.name), file.text);
    out.write(
      `wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${outDir}\n${nextSteps(target, outDir, result.files)}`,
    );
  } else {
    out.write(joinForStdout(target, result.files));
  }
  err.write(
    `${target}: ${result.exported.length} job${result.exported.length === 1 ? '' : 's'} exported${result.refused.length ? `, ${result.refused.length} not exported (${result.refused.join(', ')})` : ''}\n`,
  );
  return result.refused.length > 0 ? 1 : 0;
}

function parseTarget(name: string | undefined): ExportTargetName {
  if (name === undefined) throw new UsageError(`name a target: ${EXPORT_TARGETS.join(', ')}`);
  if ((EXPORT_TARGETS as readonly string[]).includes(name)) return name as ExportTargetName;
  const suggestion = suggestKey(name, [...EXPORT_TARGETS]);
  throw new UsageError(
    `unknown target ${JSON.stringify(name)}${suggestion ? ` — did you mean "${suggestion}"?` : ` (targets: ${EXPORT_TARGETS.join(', ')})`}`,
  );
}

function parseExec(value: unknown, target: ExportTargetName): ExecMode {
  if (value === undefined) return exportTarget(target).defaultExec;
  if (value !== 'cronbar' && value !== 'native')
    throw new UsageError(`--exec takes cronbar or native, not ${JSON.stringify(value)}`);
  if (target === 'kubernetes' && value === 'cronbar')
    throw new UsageError(
      '--exec cronbar: Cronbar does not run inside the cluster; kubernetes exports the command itself (--exec native)',
    );
  return value;
}

/** Paused is run state in the store, not in the jobs file. */
async function pausedJobIds(args: CliArgs): Promise<Set<string>> {
  const service = await openFromArgs(args);
  try {
    return new Set((await service.listJobs({})).filter((job) => job.paused).map((job) => job.id));
  } finally {
    await service.shutdown();
  }
}

function joinForStdout(target: ExportTargetName, files: ExportedFile[]): string {
  if (target === 'crontab') return files.map((file) => file.text).join('');
  if (target === 'kubernetes') return files.map((file) => file.text).join('---\n');
  if (target === 'launchd') return files.map((file) => `<!-- ${file.name} -->\n${file.text}`).join('');
  return files.map((file) => `# ---- ${file.name} ----\n${file.text}`).join('\n');
}

function nextSteps(target: ExportTargetName, dir: string, files: ExportedFile[]): string {
  const timers = files.filter((file) => file.name.endsWith('.timer')).map((file) => file.name);
  switch (target) {
    case 'systemd':
      return timers.length
        ? `install: cp ${dir}/cronbar-* ~/.config/systemd/user/ && systemctl --user daemon-reload && systemctl --user enable --now ${timers.join(' ')}\n`
        : '';
    case 'crontab':
      return `install: crontab ${path.join(dir, 'crontab')}   (replaces your crontab; merge by hand to keep it)\n`;
    case 'launchd':
      return files.length
        ? `install: cp ${dir}/*.plist ~/Library/LaunchAgents/ && launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/${files[0]!.name} (one per file)\n`
        : '';
    case 'kubernetes':
      return `install: kubectl apply -f ${dir}\n`;
  }
}
