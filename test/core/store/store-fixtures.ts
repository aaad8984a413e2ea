/** Shared setup for the store tests: throwaway data directories and run rows with sensible defaults. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { NewRun, Store } from '../../../electron/core/ports';

export const T0 = Date.parse('2026-03-01T00:00:00Z');
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh directory, removed after the test. */
export function tempDir(prefix = 'cronbar-store-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Closes the store after the test (idempotent, so tests may close it themselves too). */
export function track<S extends Store>(store: S): S {
  cleanups.push(() => store.close());
  return store;
}

export function newRun(overrides: Partial<NewRun> = {}): NewRun {
  return { jobId: 'backup', trigger: 'schedule', status: 'succeeded', scheduledFor: T0, createdAt: T0, ...overrides };
}
