/**
 * `cronbar import <crontab|systemd|launchd> [FILE|DIR]`: brings existing jobs into the jobs file (appended, comments
 * kept) or, with --dry-run, prints them as YAML. Every line or setting that is not carried over exactly is printed
 * as file:line: reason. Exit 1 when nothing could be imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError, IMPORT_FORMATS } from '../../../../shared/api/contract';
import { formatLoss } from '../../convert/import/import-jobs';
import type { ImportFormat, ImportLoss } from '../../convert/import/import-types';
import { readFileOrNull, readImportSources } from '../../convert/import/read-sources';
import { planImport } from '../../service/import-plan';
import { dataPaths } from '../../store/data-paths';
import { type CliArgs, UsageError, expectPositionals, stringOption } from '../args';
import { openFromArgs, resolveDataDir } from '../open-from-args';

export async function importCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 2, 'a format (crontab, systemd or launchd) and an optional FILE or DIR');
  const format = args.positionals[0]! as ImportFormat;
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`cannot import ${JSON.stringify(format)}: use ${IMPORT_FORMATS.join(', ')}`);
  const files = await Promise.all(readImportSources(format, args.positionals[1]).map(asText));
  const prefix = stringOption(args, 'prefix');
  const input = {
    format,
    files,
    ...(prefix ? { prefix } : {}),
    ...(args.options.system === true ? { systemCrontab: true } : {}),
  };

  if (args.options['dry-run'] === true) {
    const configPath = args.config ? path.resolve(args.config) : dataPaths(resolveDataDir(args)).configPath;
    const current = fs.existsSync(configPath) ? fs.readFileSync(configPath, 'utf8') : '';
    const preview = (
      await planImport(input, current, {
        fileName: path.basename(configPath),
        now: Date.now(),
        readFile: readFileOrNull,
      })
    ).preview();
    if (args.json) {
      out.write(
        `${JSON.stringify({ dryRun: true, configPath, added: [], jobs: preview.jobs, yaml: preview.yaml, losses: lossesJson(preview.losses) }, null, 2)}\n`,
      );
      return preview.jobs.length === 0 ? 1 : 0;
    }
    printLosses(preview.losses, err);
    if (preview.jobs.length === 0) return nothingImported(preview.losses, err);
    out.write(preview.yaml);
    err.write(
      `${preview.jobs.length} job${preview.jobs.length === 1 ? '' : 's'} would be added (dry run: ${configPath} unchanged)\n`,
    );
    return 0;
  }

  const service = await openFromArgs(args, { importReadFile: readFileOrNull });
  try {
    const result = await service.importJobs(input);
    if (args.json) {
      out.write(
        `${JSON.stringify({ dryRun: false, configPath: service.configPath, added: result.ids, losses: lossesJson(result.losses) }, null, 2)}\n`,
      );
      return 0;
    }
    printLosses(result.losses, err);
    out.write(
      `added ${result.ids.length} job${result.ids.length === 1 ? '' : 's'} to ${service.configPath}: ${result.ids.join(', ')}\n`,
    );
    return 0;
  } catch (error) {
    if (
      error instanceof CronbarError &&
      error.code === 'invalid-input' &&
      /^nothing could be imported/.test(error.message)
    ) {
      const plan = await planImport(input, fs.readFileSync(service.configPath, 'utf8'), {
        fileName: path.basename(service.configPath),
        now: Date.now(),
        readFile: readFileOrNull,
      });
      const preview = plan.preview();
      if (args.json) {
        out.write(
          `${JSON.stringify({ dryRun: false, configPath: service.configPath, added: [], losses: lossesJson(preview.losses) }, null, 2)}\n`,
        );
        return 1;
      }
      printLosses(preview.losses, err);
      return nothingImported(preview.losses, err);
    }
    throw error;
  } finally {
    await service.shutdown();
  }
}

/**
 * The service takes text; a binary plist is turned into its XML form first (what `plutil -convert xml1` prints), and
 * its lines are that form's lines.
 */
async function asText(source: {
  name: string;
  text: string;
  bytes?: Uint8Array;
}): Promise<{ name: string; text: string }> {
  if (!source.bytes || Buffer.from(source.bytes.subarray(0, 6)).toString('latin1') !== 'bplist')
    return { name: source.name, text: source.text };
  const { build, parseBinary } = await import('plist');
  return { name: `${source.name} (as XML)`, text: build(parseBinary(Buffer.from(source.bytes)) as never) };
}

function lossesJson(losses: readonly ImportLoss[]) {
  return losses.map((loss) => ({ ...loss, text: formatLoss(loss) }));
}

function printLosses(losses: readonly ImportLoss[], err: NodeJS.WritableStream): void {
  // file:line: reason lines stay whole, as a compiler's do: editors and grep read them.
  for (const loss of losses) err.write(`${formatLoss(loss)}\n`);
  if (losses.length > 0)
    err.write(`${losses.length} thing${losses.length === 1 ? '' : 's'} not carried over exactly (above)\n`);
}

function nothingImported(losses: readonly ImportLoss[], err: NodeJS.WritableStream): number {
  err.write(
    `cronbar: nothing could be imported${losses.length > 0 ? '' : ' (no jobs found)'}; the jobs file is unchanged\n`,
  );
  return 1;
}
