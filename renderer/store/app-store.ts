/**
 * The window's state: jobs, scheduler status, where the admin is, and what they are searching. Fed by one load and
 * then by the API's events (no polling); every failed call lands in `notice` so an error is shown, never swallowed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, WindowApi } from '../../shared/api/contract';
import type { CheckView, ConfigIssue, JobView, RunRecord, SchedulerStatus } from '../../shared/model';
import { toApiError, unwrap } from '../lib/api-error';
import type { JobFilter, SortOrder, View } from './view';
import { createVisibleJobsSelector } from './visible-jobs';

export type LoadState = 'loading' | 'ready' | 'error';

/**
 * Asked before the window leaves the current view (Cancel, Esc, a tab, the tray). A view holding unsaved edits returns
 * true to keep the window where it is while it asks the admin, and calls `leave` if they agree; `leave` does not ask
 * again. Returning false lets the move go ahead.
 */
export type LeaveGuard = (leave: () => void) => boolean;

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface AppState {
  api: WindowApi;
  jobs: JobView[];
  jobsState: LoadState;
  jobsError: ApiError | null;
  status: SchedulerStatus | null;
  /** Problems in the jobs file on disk (the last good jobs keep running meanwhile). */
  configIssues: ConfigIssue[];
  view: View;
  /** Views to go back to with Esc. */
  backStack: View[];
  search: string;
  sort: SortOrder;
  /** Which jobs the list shows (failing, overdue, running, paused, disabled, one tag). */
  filter: JobFilter;
  /** Failed and timed-out runs per job over the last 7 days (jobs without any are absent). */
  failures7d: Record<string, number>;
  /** Checks: jobs that run elsewhere and ping Cronbar. */
  checks: CheckView[];
  selectedJobId: string | null;
  /** Job ids whose Run now call is on its way. */
  starting: Record<string, true>;
  notice: Notice | null;
  /** The run whose live output the drawer shows (opened by Run now from the list), or null. */
  drawerRunId: number | null;
  /** The "?" sheet of keyboard shortcuts is open. */
  shortcutsOpen: boolean;

  load(): Promise<void>;
  refreshJobs(): Promise<void>;
  /** Starts a run; resolves to its id (null when refused or queued without one). */
  runNow(jobId: string): Promise<number | null>;
  /** Stops a running or queued run. */
  cancelRun(runId: number): Promise<void>;
  setEnabled(jobId: string, enabled: boolean): Promise<void>;
  /** Pauses one job until `until` (epoch ms) or, with null, until resumed. */
  pauseJob(jobId: string, until: number | null): Promise<void>;
  resumeJob(jobId: string): Promise<void>;
  /** Copies a job into the file under a free id, disabled so the copy never doubles the original's runs. */
  duplicateJob(jobId: string): Promise<string | null>;
  deleteJob(jobId: string): Promise<boolean>;
  refreshFailureCounts(): Promise<void>;
  openDrawer(runId: number | null): void;
  setShortcutsOpen(open: boolean): void;
  pauseAll(until?: number | null): Promise<void>;
  resumeAll(): Promise<void>;
  navigate(view: View): void;
  back(): void;
  /** Installs the one guard `navigate` and `back` consult; returns its removal (a no-op once another replaced it). */
  guardLeave(guard: LeaveGuard): () => void;
  setSearch(search: string): void;
  setSort(sort: SortOrder): void;
  setFilter(filter: JobFilter): void;
  refreshChecks(): Promise<void>;
  select(jobId: string | null): void;
  moveSelection(delta: number): void;
  showError(error: unknown, what: string): void;
  dismissNotice(): void;
  /** Subscribes to the API's events; returns the unsubscribe. */
  connect(): () => void;
}

export type AppStore = StoreApi<AppState>;

export const selectVisibleJobs = createVisibleJobsSelector();

function patchJob(jobs: JobView[], jobId: string, patch: (job: JobView) => JobView): JobView[] {
  const index = jobs.findIndex((job) => job.id === jobId);
  if (index < 0) return jobs;
  const next = jobs.slice();
  next[index] = patch(jobs[index]!);
  return next;
}

export function createAppStore(api: WindowApi): AppStore {
  // One listJobs at a time: events that arrive meanwhile ask for one more refresh, not one each.
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  let leaveGuard: LeaveGuard | null = null;
  const leaveUnlessHeld = (leave: () => void) => {
    if (!leaveGuard?.(leave)) leave();
  };

  const store = createStore<AppState>()((set, get) => ({
    api,
    jobs: [],
    jobsState: 'loading',
    jobsError: null,
    status: null,
    configIssues: [],
    view: { name: 'jobs' },
    backStack: [],
    search: '',
    sort: 'failing',
    filter: 'all',
    failures7d: {},
    checks: [],
    selectedJobId: null,
    starting: {},
    notice: null,
    drawerRunId: null,
    shortcutsOpen: false,

    async load() {
      set({ jobsState: 'loading', jobsError: null });
      // Each answer is shown as soon as it arrives: the list does not wait for the status, nor the other way round.
      const status = unwrap(api.status({})).then(
        (value) => set({ status: value, configIssues: value.configErrors }),
        (error: unknown) => get().showError(error, 'Could not read the scheduler status'),
      );
      const jobs = unwrap(api.listJobs({})).then(
        (value) => set({ jobs: value, jobsState: 'ready' }),
        (error: unknown) => set({ jobsState: 'error', jobsError: toApiError(error) }),
      );
      await Promise.all([status, jobs, get().refreshChecks(), get().refreshFailureCounts()]);
    },

    async refreshChecks() {
      try {
        set({ checks: await unwrap(api.listChecks({})) });
      } catch (error) {
        get().showError(error, 'Could not read the checks');
      }
    },

    refreshJobs() {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          try {
            const jobs = await unwrap(api.listJobs({}));
            set({ jobs, jobsState: 'ready', jobsError: null });
          } catch (error) {
            // Keep the jobs we have on screen; say the refresh failed.
            if (get().jobsState === 'ready') get().showError(error, 'Could not refresh the jobs');
            else set({ jobsState: 'error', jobsError: toApiError(error) });
          }
        } while (refreshAgain);
        refreshing = null;
      })();
      return refreshing;
    },

    async refreshFailureCounts() {
      // Failed runs only, newest first, a few pages at most: a job failing every minute all week still counts 1 000+.
      const since = Date.now() - 7 * 86_400_000;
      const counts: Record<string, number> = {};
      try {
        let before: number | undefined;
        for (let page = 0; page < 5; page++) {
          const result = await unwrap(
            api.history({ statuses: ['failed', 'timed-out'], since, limit: 1000, ...(before ? { before } : {}) }),
          );
          for (const run of result.runs) counts[run.jobId] = (counts[run.jobId] ?? 0) + 1;
          if (!result.nextBefore) break;
          before = result.nextBefore;
        }
        set({ failures7d: counts });
      } catch (error) {
        get().showError(error, 'Could not count the failures of the last 7 days');
      }
    },

    async runNow(jobId) {
      set((state) => ({ starting: { ...state.starting, [jobId]: true } }));
      try {
        const result = await unwrap(api.runNow({ id: jobId }));
        if (result.refused) set({ notice: { kind: 'error', text: `Run now refused: ${result.refused}` } });
        else if (result.queued) set({ notice: { kind: 'info', text: 'Queued: it starts when a slot frees up.' } });
        return result.runId;
      } catch (error) {
        get().showError(error, 'Run now failed');
        return null;
      } finally {
        set((state) => {
          const { [jobId]: _done, ...starting } = state.starting;
          return { starting };
        });
      }
    },

    async setEnabled(jobId, enabled) {
      // Shown at once; the file write and the jobs:changed refresh confirm it (or the error puts it back).
      const before = get().jobs;
      set({ jobs: patchJob(before, jobId, (job) => ({ ...job, enabled })) });
      try {
        await unwrap(api.setJobEnabled({ id: jobId, enabled }));
      } catch (error) {
        set({ jobs: patchJob(get().jobs, jobId, (job) => ({ ...job, enabled: !enabled })) });
        get().showError(error, enabled ? 'Could not enable the job' : 'Could not disable the job');
        return;
      }
      void get().refreshJobs();
    },

    async cancelRun(runId) {
      try {
        const { cancelled } = await unwrap(api.cancelRun({ runId }));
        if (!cancelled) set({ notice: { kind: 'info', text: `Run #${runId} had already ended.` } });
      } catch (error) {
        get().showError(error, 'Could not stop the run');
      }
    },

    async pauseJob(jobId, until) {
      try {
        await unwrap(api.pauseJob({ id: jobId, until }));
        await get().refreshJobs();
      } catch (error) {
        get().showError(error, 'Could not pause the job');
      }
    },

    async resumeJob(jobId) {
      try {
        await unwrap(api.resumeJob({ id: jobId }));
        await get().refreshJobs();
      } catch (error) {
        get().showError(error, 'Could not resume the job');
      }
    },

    async duplicateJob(jobId) {
      try {
        const { source } = await unwrap(api.getJob({ id: jobId }));
        const taken = new Set(get().jobs.map((job) => job.id));
        let id = `${jobId}-copy`.slice(0, 64);
        for (let n = 2; taken.has(id); n++) id = `${jobId}-copy-${n}`.slice(0, 64);
        const name = typeof source.name === 'string' ? source.name : jobId;
        const saved = await unwrap(api.saveJob({ job: { ...source, id, name: `${name} (copy)`, enabled: false } }));
        set({
          notice: {
            kind: 'info',
            text: `Copied as ${saved.id}, disabled so it does not run twice: edit it, then enable it.`,
          },
        });
        await get().refreshJobs();
        return saved.id;
      } catch (error) {
        get().showError(error, 'Could not duplicate the job');
        return null;
      }
    },

    async deleteJob(jobId) {
      try {
        await unwrap(api.deleteJob({ id: jobId }));
        const { view } = get();
        if (view.name === 'job' && view.jobId === jobId) set({ view: { name: 'jobs' }, backStack: [] });
        set({ notice: { kind: 'info', text: `Deleted ${jobId} from the jobs file; its run history is kept.` } });
        await get().refreshJobs();
        return true;
      } catch (error) {
        get().showError(error, 'Could not delete the job');
        return false;
      }
    },

    openDrawer(runId) {
      set({ drawerRunId: runId });
    },

    setShortcutsOpen(open) {
      set({ shortcutsOpen: open });
    },

    async pauseAll(until = null) {
      try {
        await unwrap(api.pauseAll({ until }));
        set({ status: await unwrap(api.status({})) });
      } catch (error) {
        get().showError(error, 'Could not pause all jobs');
      }
    },

    async resumeAll() {
      try {
        await unwrap(api.resumeAll({}));
        set({ status: await unwrap(api.status({})) });
      } catch (error) {
        get().showError(error, 'Could not resume');
      }
    },

    navigate(view) {
      const { view: current, backStack } = get();
      if (JSON.stringify(current) === JSON.stringify(view)) return;
      // Top-level tabs reset the trail; drilling down (job, run, edit) remembers where Esc goes back to.
      const isTab =
        view.name === 'jobs' ||
        view.name === 'timeline' ||
        view.name === 'checks' ||
        view.name === 'settings' ||
        (view.name === 'editor' && !view.jobId && view.mode === 'yaml');
      leaveUnlessHeld(() =>
        set({
          view,
          // The drawer belongs to the list it was opened from; the job page shows the same log at its top.
          drawerRunId: null,
          backStack: isTab ? [] : [...backStack, current].slice(-20),
          ...(view.name === 'job' ? { selectedJobId: view.jobId } : {}),
        }),
      );
    },

    back() {
      const { backStack, view } = get();
      const previous = backStack[backStack.length - 1];
      if (previous) leaveUnlessHeld(() => set({ view: previous, backStack: backStack.slice(0, -1) }));
      else if (view.name !== 'jobs') leaveUnlessHeld(() => set({ view: { name: 'jobs' } }));
    },

    guardLeave(guard) {
      leaveGuard = guard;
      return () => {
        if (leaveGuard === guard) leaveGuard = null;
      };
    },

    setSearch(search) {
      set({ search });
    },

    setSort(sort) {
      set({ sort });
    },

    setFilter(filter) {
      set({ filter });
    },

    select(jobId) {
      set({ selectedJobId: jobId });
    },

    moveSelection(delta) {
      const visible = selectVisibleJobs(get());
      if (visible.length === 0) return;
      const current = visible.findIndex((job) => job.id === get().selectedJobId);
      const index =
        current < 0 ? (delta > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, current + delta));
      set({ selectedJobId: visible[index]!.id });
    },

    showError(error, what) {
      const problem = toApiError(error);
      set({ notice: { kind: 'error', text: `${what}: ${problem.message}` } });
    },

    dismissNotice() {
      set({ notice: null });
    },

    connect() {
      const onRun = (run: RunRecord, live: boolean) => {
        set({
          jobs: patchJob(get().jobs, run.jobId, (job) => {
            const others = job.runningRunIds.filter((id) => id !== run.id);
            return live
              ? { ...job, runningRunIds: [...others, run.id] }
              : { ...job, runningRunIds: others, lastRun: run };
          }),
        });
        void get().refreshJobs();
      };
      const unsubscribers = [
        api.on('run:queued', (run) => onRun(run, true)),
        api.on('run:started', (run) => onRun(run, true)),
        api.on('run:finished', (run) => {
          onRun(run, false);
          if (run.status === 'failed' || run.status === 'timed-out')
            set({ failures7d: { ...get().failures7d, [run.jobId]: (get().failures7d[run.jobId] ?? 0) + 1 } });
        }),
        api.on('jobs:changed', () => {
          void get().refreshJobs();
          void get().refreshChecks();
        }),
        api.on('check:changed', ({ check }) =>
          set({ checks: get().checks.map((entry) => (entry.id === check.id ? check : entry)) }),
        ),
        api.on('job:overdue', ({ jobId, overdue }) => {
          set({ jobs: patchJob(get().jobs, jobId, (job) => ({ ...job, overdue })) });
          void get().refreshJobs();
        }),
        api.on('run:slow', () => void get().refreshJobs()),
        api.on('scheduler:changed', (status) => set({ status, configIssues: status.configErrors })),
        api.on('config:error', ({ issues }) => set({ configIssues: issues })),
        api.on('app:navigate', (target) => {
          if (target.view === 'job' || target.view === 'run') {
            if (target.jobId)
              get().navigate({ name: 'job', jobId: target.jobId, ...(target.runId ? { runId: target.runId } : {}) });
          } else if (target.view === 'editor')
            get().navigate({
              name: 'editor',
              mode: target.jobId ? 'form' : 'yaml',
              ...(target.jobId ? { jobId: target.jobId } : {}),
            });
          else get().navigate({ name: target.view });
        }),
      ];
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
    },
  }));
  return store;
}
