/**
 * The jobs file as the running core knows it: loaded at start (from the reader cache when the text is unchanged, else
 * parsed, else the last good text a scheduler kept), watched for outside edits, and edited and written for the API.
 * A text that does not parse changes nothing but the reported errors: the jobs that ran before keep running.
 */
import path from 'node:path';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobSpec, JobsConfig } from '../../../shared/config/schema';
import { systemTimezone } from '../../../shared/config/zones-and-times';
import type { ConfigIssue } from '../../../shared/model';
import type { ConfigOrigin } from '../../../shared/config-history';
import { readJobsText } from '../config/jobs-file-text';
import { type JobsFileWatcher, watchJobsFile } from '../config/watch-jobs-file';
import type { Store } from '../ports';
import type { ConfigHistory } from './config-history';
import { type JobsEditor, type JobsParser, type ParsedJobs, loadEditor, loadParser, loadWriter } from './lazy-config';
import type { ReaderCache } from './reader-cache';

/** The last jobs file that validated, kept in the DB so a broken file at start still runs the jobs it ran before. */
const LAST_GOOD_CONFIG = 'lastGoodJobsFile';

export interface JobsFileHolderOptions {
  configPath: string;
  store: Store;
  /** Keep each good text as the last good one: the scheduler, whose jobs must survive a file broken while it is down. */
  keepLastGood: boolean;
  readerCache: ReaderCache | null;
  log: (line: string) => void;
  /** Records every change of the file (null: a process that only pings). */
  history?: ConfigHistory | null;
}

/** Told of every jobs config that takes effect, and of every text refused. */
export interface JobsFileListener {
  applied(config: JobsConfig, reason: string): void;
  rejected(issues: ConfigIssue[]): void;
}

export class JobsFileHolder {
  readonly configPath: string;
  readonly fileName: string;
  #config: JobsConfig = { concurrency: 4, jobs: [] };
  #errors: ConfigIssue[] = [];
  /** The raw job objects as written, for the editor. */
  #sources = new Map<string, Record<string, unknown>>();
  /** The zone jobs without `timezone:` get; from the reader cache when it served the jobs, else asked of Intl. */
  #zone: string | null = null;
  #lastSeenVersion: string | null = null;
  /** Loaded before anything may parse: at load unless the reader cache served the jobs, else by the edit. */
  #parser: JobsParser | null = null;
  #watcher: JobsFileWatcher | null = null;
  #listeners: JobsFileListener[] = [];

  constructor(private readonly options: JobsFileHolderOptions) {
    this.configPath = options.configPath;
    this.fileName = path.basename(options.configPath);
  }

  get config(): JobsConfig {
    return this.#config;
  }

  /** What is wrong with the file on disk; empty when it is what runs. */
  get errors(): ConfigIssue[] {
    return this.#errors;
  }

  readonly zone = (): string => (this.#zone ??= systemTimezone());

  listen(listener: JobsFileListener): void {
    this.#listeners.push(listener);
  }

  findJob(id: string): JobSpec {
    const job = this.#config.jobs.find((candidate) => candidate.id === id);
    if (!job) throw new CronbarError('not-found', `no job with id ${JSON.stringify(id)}`);
    return job;
  }

  /** The job as written in the file (before defaults), or {}. */
  source(id: string): Record<string, unknown> {
    return this.#sources.get(id) ?? {};
  }

  readText(): { text: string; readonly version: string } {
    return readJobsText(this.configPath);
  }

  /** The file on disk; if it is broken, the last good text, so nothing stops running. */
  async load(): Promise<void> {
    const initial = this.readText();
    const cache = this.options.readerCache;
    const cached = cache?.parsedJobs(initial.text, this.zone);
    if (cached) {
      this.#zone = cached.zone;
      this.#apply(cached, 'start');
      return;
    }
    const parser = await this.#needParser();
    const applied = this.#applyText(initial.text, initial.version, 'start');
    // The scheduler records an edit made while no Cronbar watched the file.
    if (this.options.keepLastGood) await this.#observe(initial.text, initial.version);
    if (applied) {
      const parsed = { config: this.#config, sources: [...this.#sources.values()], zone: this.zone() };
      cache?.keepParsedJobs(initial.text, this.zone, parsed);
      return;
    }
    const lastGood = this.options.store.getSetting(LAST_GOOD_CONFIG);
    const fallback = lastGood === null ? null : parser.parseJobsText(lastGood, { fileName: this.fileName });
    if (!fallback?.ok) return;
    const issues = this.#errors;
    this.#apply(
      fallback,
      'start',
      (count) => `running the last good jobs file (${count} jobs) until ${this.fileName} is fixed`,
    );
    this.#errors = issues;
  }

  /** Applies outside edits from now on. */
  watch(): void {
    this.#watcher ??= watchJobsFile(this.configPath, (text, version) => {
      if (version === this.#lastSeenVersion) return;
      this.#applyText(text, version, 'file changed');
      void this.#observe(text, version);
    });
  }

  close(): void {
    this.#watcher?.();
  }

  async validate(text: string): Promise<{ ok: boolean; issues: ConfigIssue[]; jobCount: number }> {
    const parsed = await this.check(text);
    return parsed.ok
      ? { ok: true, issues: [], jobCount: parsed.config.jobs.length }
      : { ok: false, issues: parsed.issues, jobCount: 0 };
  }

  /** A text parsed as this file, not applied. */
  async check(text: string): Promise<ReturnType<JobsParser['parseJobsText']>> {
    return (await this.#needParser()).parseJobsText(text, { fileName: this.fileName });
  }

  /**
   * Writes the whole text (refused if the file is no longer `baseVersion`) and applies it at once; the history records
   * it as `origin`'s.
   */
  async write(text: string, baseVersion: string | undefined, origin: ConfigOrigin): Promise<string> {
    const [writer] = await Promise.all([loadWriter(), this.#needParser(), this.options.history?.ready()]);
    const before = this.readText();
    const written = this.#recorded(before, text, origin, (beforeRename) =>
      writer.writeJobsFile(this.configPath, text, { baseVersion, fileName: this.fileName, beforeRename }),
    );
    this.#applyText(text, written.version, 'edited in Cronbar');
    return written.version;
  }

  /** Reads, edits and writes the file, then applies it at once; refused if it is no longer `baseVersion`. */
  async edit(
    baseVersion: string | undefined,
    edit: (editor: JobsEditor, text: string) => string,
    origin: ConfigOrigin,
  ): Promise<string> {
    const [editor, writer] = await Promise.all([
      loadEditor(),
      loadWriter(),
      this.#needParser(),
      this.options.history?.ready(),
    ]);
    const current = this.readText();
    if (baseVersion !== undefined && baseVersion !== current.version) throw this.changedOnDisk();
    const next = edit(editor, current.text);
    const written = this.#recorded(current, next, origin, (beforeRename) =>
      writer.writeJobsFile(this.configPath, next, {
        baseVersion: current.version,
        fileName: this.fileName,
        beforeRename,
      }),
    );
    this.#applyText(next, written.version, 'edited in Cronbar');
    return written.version;
  }

  /**
   * The history of this file (null in a process that only pings); what it last saw is brought up to the file on disk
   * first, so an edit no Cronbar watched is in it.
   */
  async history(): Promise<ConfigHistory> {
    const history = this.options.history;
    if (!history) throw new CronbarError('refused', 'this process keeps no jobs file history');
    const current = this.readText();
    await this.#observe(current.text, current.version);
    return history;
  }

  changedOnDisk(): CronbarError {
    return new CronbarError(
      'conflict',
      `${this.fileName} changed on disk since it was opened; reload it and try again`,
    );
  }

  /**
   * Runs a write with a rename hook that records it in the history before any other process can see the new text
   * (so the scheduler's watcher finds it recorded, not an outside edit); a write that then fails is forgotten.
   */
  #recorded<T>(
    before: { text: string; version: string },
    text: string,
    origin: ConfigOrigin,
    write: (beforeRename: (version: string, config: JobsConfig) => void) => T,
  ): T {
    const history = this.options.history;
    let rev: number | null = null;
    try {
      return write((version, config) => {
        // Our own write must not come back as an outside edit, and the watcher must compare later edits with it:
        // without this, an outside edit back to the previous text right after our write would look like no change.
        this.#watcher?.markOwnWrite(version);
        if (!history) return;
        history.knowParsed(version, config);
        rev = history.recordWrite({ text: before.text, version: before.version }, { text, version }, origin);
      });
    } catch (error) {
      if (rev !== null) history?.forget(rev);
      throw error;
    }
  }

  async #observe(text: string, version: string): Promise<void> {
    const history = this.options.history;
    if (!history) return;
    await history.ready();
    history.observe({ text, version });
  }

  #needParser = async (): Promise<JobsParser> => (this.#parser ??= await loadParser());

  #applyText(text: string, version: string, reason: string): boolean {
    this.#lastSeenVersion = version;
    const parsed = this.#parser!.parseJobsText(text, { fileName: this.fileName });
    this.options.history?.knowParsed(version, parsed.ok ? parsed.config : null);
    if (!parsed.ok) {
      const { log } = this.options;
      this.#errors = parsed.issues;
      log(
        `jobs file rejected (${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}); the last good jobs keep running`,
      );
      for (const issue of parsed.issues)
        log(`  ${issue.file}:${issue.line}:${issue.col} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
      for (const listener of this.#listeners) listener.rejected(parsed.issues);
      return false;
    }
    if (this.options.keepLastGood) this.options.store.setSetting(LAST_GOOD_CONFIG, text);
    this.#apply(parsed, reason);
    return true;
  }

  #apply(
    parsed: Omit<ParsedJobs, 'zone'>,
    reason: string,
    logLine = (count: number) => `jobs file loaded (${reason}): ${count} job${count === 1 ? '' : 's'}`,
  ): void {
    this.#config = parsed.config;
    this.#sources = new Map(parsed.sources.map((source) => [String(source.id), source]));
    this.#errors = [];
    for (const listener of this.#listeners) listener.applied(parsed.config, reason);
    this.options.log(logLine(parsed.config.jobs.length));
  }
}
