/** Where the window is. `app:navigate` events and the keyboard move between these. */
export type View =
  | { name: 'jobs' }
  | { name: 'job'; jobId: string; runId?: number }
  | { name: 'timeline' }
  | { name: 'checks' }
  | { name: 'editor'; jobId?: string; mode: 'form' | 'yaml' | 'import' }
  | { name: 'settings' };

export type ViewName = View['name'];

/**
 * `failing`: failing jobs first (longest streak first), then by next run. `failures`: most failed runs in the last
 * 7 days. `last`: most recent run first. `name`: natural order (2 before 10). `next`: soonest next run first.
 */
export type SortOrder = 'failing' | 'failures' | 'last' | 'name' | 'next';
export const SORT_ORDERS: readonly SortOrder[] = ['failing', 'failures', 'last', 'name', 'next'];

/** Which jobs the list shows; a tag filter is `tag:<name>`. */
export type JobFilter = 'all' | 'failing' | 'overdue' | 'running' | 'paused' | 'disabled' | `tag:${string}`;
