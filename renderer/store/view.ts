/** Where the window is. `app:navigate` events and the keyboard move between these. */
export type View =
  | { name: 'jobs' }
  | { name: 'job'; jobId: string; runId?: number }
  | { name: 'timeline' }
  | { name: 'checks' }
  | { name: 'editor'; jobId?: string; mode: 'form' | 'yaml' }
  | { name: 'settings' };

export type ViewName = View['name'];

export type SortOrder = 'next' | 'name';
