/** Plain stand-in for service/lazy-config.ts: the parser, writer and editor imported at start, no parsed-jobs cache. */
import type { JobsConfig } from '../../shared/config/schema';
import * as EditJobsFile from '../../electron/core/config/edit-jobs-file';
import * as LoadJobsFile from '../../electron/core/config/load-jobs-file';
import * as WriteJobsFile from '../../electron/core/config/write-jobs-file';

export type JobsParser = typeof LoadJobsFile;
export type JobsWriter = typeof WriteJobsFile;
export type JobsEditor = typeof EditJobsFile;

export const loadParser = async (): Promise<JobsParser> => LoadJobsFile;
export const loadWriter = async (): Promise<JobsWriter> => WriteJobsFile;
export const loadEditor = async (): Promise<JobsEditor> => EditJobsFile;

declare const CRONBAR_BUILD_ID: string | undefined;

export function cliBuildId(): string | undefined {
  return typeof CRONBAR_BUILD_ID === 'string' ? CRONBAR_BUILD_ID : undefined;
}

export interface ParsedJobs {
  config: JobsConfig;
  sources: Record<string, unknown>[];
  zone: string;
}

export function configCacheKey(): string | null {
  return null;
}

export function readConfigCache(): ParsedJobs | null {
  return null;
}

export function writeConfigCache(): void {}
