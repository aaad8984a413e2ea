import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobsTextVersion } from '../../../electron/core/config/load-jobs-file';
import { type JobsFileWatcher, watchJobsFile } from '../../../electron/core/config/watch-jobs-file';

// These tests use the real file system: fs.watch is the thing under test. They wait for an event with a deadline
// (the 1 s promise of the feature), they do not time anything.

let dir: string;
let file: string;
let watcher: JobsFileWatcher | null = null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-watch-'));
  file = path.join(dir, 'jobs.yaml');
  fs.writeFileSync(file, 'jobs: []\n');
});
afterEach(() => {
  watcher?.stop();
  watcher = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Saves the way vim and VS Code do: write a new file beside it, rename it over. */
function saveByRename(text: string) {
  const temp = path.join(dir, '.jobs.yaml.swp');
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

function collect(debounceMs = 50) {
  const changes: Array<{ text: string; version: string }> = [];
  let notify: (() => void) | null = null;
  watcher = watchJobsFile(
    file,
    (text, version) => {
      changes.push({ text, version });
      notify?.();
    },
    { debounceMs },
  );
  /** Resolves with the changes once there are `count`, or with what there is at the deadline. */
  const waitFor = (count: number, deadlineMs: number) =>
    new Promise<typeof changes>((resolve) => {
      const timer = setTimeout(() => resolve(changes), deadlineMs);
      notify = () => {
        if (changes.length >= count) {
          clearTimeout(timer);
          resolve(changes);
        }
      };
    });
  return { changes, waitFor };
}

const EDITED = 'jobs:\n  - id: a\n    every: 1m\n    command: ls\n';

describe('watchJobsFile', () => {
  it('sees an editor-style save (write + rename over) within 1 s, with the new text and version', async () => {
    const { waitFor } = collect(200);
    saveByRename(EDITED);
    const changes = await waitFor(1, 1000);
    expect(changes).toEqual([{ text: EDITED, version: jobsTextVersion(EDITED) }]);
  });

  it('keeps seeing saves after the first rename replaced the file', async () => {
    const { waitFor } = collect();
    saveByRename(EDITED);
    await waitFor(1, 1000);
    const second = EDITED.replace('1m', '2m');
    saveByRename(second);
    const changes = await waitFor(2, 1000);
    expect(changes.map((change) => change.text)).toEqual([EDITED, second]);
  });

  it('sees an in-place write too', async () => {
    const { waitFor } = collect();
    fs.writeFileSync(file, EDITED);
    expect((await waitFor(1, 1000)).map((change) => change.text)).toEqual([EDITED]);
  });

  it('ignores a rewrite with identical content and files other than the jobs file', async () => {
    const { waitFor } = collect();
    saveByRename('jobs: []\n');
    fs.writeFileSync(path.join(dir, 'cronbar.db'), 'other');
    expect(await waitFor(1, 500)).toEqual([]);
  });

  it('ignores our own write once told its version', async () => {
    const { waitFor } = collect();
    watcher!.markOwnWrite(jobsTextVersion(EDITED));
    saveByRename(EDITED);
    expect(await waitFor(1, 500)).toEqual([]);
  });

  it('coalesces a burst of writes into one reload of the final text', async () => {
    const { waitFor } = collect(150);
    fs.writeFileSync(file, '');
    fs.writeFileSync(file, 'jobs:\n');
    fs.writeFileSync(file, EDITED);
    const changes = await waitFor(2, 700);
    expect(changes.map((change) => change.text)).toEqual([EDITED]);
  });

  it('stops reporting once stopped (calling the watcher stops it too)', async () => {
    const { waitFor } = collect();
    watcher!();
    saveByRename(EDITED);
    expect(await waitFor(1, 400)).toEqual([]);
  });
});
