/**
 * Every scheduler the bench measures, by id: its label, where its scheduled time comes from, and how a child loads it.
 * Its own file so the subjects (which import the interface in subject.ts) and this list do not import each other.
 */
import type { SchedulerSubject } from './subject';

export interface SubjectInfo {
  id: SubjectId;
  label: string;
  /** Where the scheduled time of a fire comes from (the lateness figure is only as honest as this). */
  scheduledTimeFrom: string;
}

export const SUBJECT_IDS = [
  'cronbar',
  'floor',
  'naive-polling',
  'croner',
  'toad-scheduler',
  'node-cron',
  'node-schedule',
] as const;
export type SubjectId = (typeof SUBJECT_IDS)[number];

export const SUBJECTS: Record<SubjectId, SubjectInfo> = {
  cronbar: {
    id: 'cronbar',
    label: 'Cronbar engine',
    scheduledTimeFrom: 'the run context (`scheduledFor`) the engine hands the runner',
  },
  floor: {
    id: 'floor',
    label: 'floor: one setTimeout per second',
    scheduledTimeFrom: 'the boundary the timer was aimed at',
  },
  'naive-polling': {
    id: 'naive-polling',
    label: 'naive 1 s polling loop',
    scheduledTimeFrom: 'the next fire the loop had computed for the job',
  },
  croner: {
    id: 'croner',
    label: 'croner timers (`new Cron(expr, fn)`)',
    scheduledTimeFrom:
      "croner's own next-target rule replayed per job (its `currentRun()` is the trigger time, not the target)",
  },
  'toad-scheduler': {
    id: 'toad-scheduler',
    label: 'toad-scheduler CronJob',
    scheduledTimeFrom: "as for croner, through the job's croner instance",
  },
  'node-cron': {
    id: 'node-cron',
    label: 'node-cron',
    scheduledTimeFrom: 'the task context `date` (the slot it runs for)',
  },
  'node-schedule': { id: 'node-schedule', label: 'node-schedule', scheduledTimeFrom: 'the `fireDate` argument' },
};

export async function loadSubject(id: SubjectId): Promise<SchedulerSubject> {
  // Dynamic imports so a child loads only the scheduler it measures (each library's heap stays out of the others').
  switch (id) {
    case 'cronbar':
      return new (await import('./cronbar-engine')).CronbarEngineSubject();
    case 'floor':
      return new (await import('./floor')).FloorSubject();
    case 'naive-polling':
      return new (await import('./naive-polling')).NaivePollingSubject();
    case 'croner':
      return new (await import('./croner-timers')).CronerTimersSubject();
    case 'toad-scheduler':
      return new (await import('./toad-scheduler')).ToadSchedulerSubject();
    case 'node-cron':
      return new (await import('./node-cron')).NodeCronSubject();
    case 'node-schedule':
      return new (await import('./node-schedule')).NodeScheduleSubject();
  }
}
