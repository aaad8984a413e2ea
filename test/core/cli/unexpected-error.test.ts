import { afterEach, describe, expect, it, vi } from 'vitest';
import { unexpectedErrorText } from '../../../electron/core/cli/main';
import { StoreError } from '../../../electron/core/store/store-error';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('unexpectedErrorText', () => {
  it('says another process holds the database when SQLite was busy, however deep the cause', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    vi.stubEnv('CRONBAR_DEBUG', '');
    expect(unexpectedErrorText(new StoreError('/d/cronbar.db', 'cannot open the database', busy), false)).toBe(
      'cronbar: /d/cronbar.db: cannot open the database: database is locked (another Cronbar process holds the database; try again)\n',
    );
  });

  it('adds the stack only when asked', () => {
    vi.stubEnv('CRONBAR_DEBUG', '');
    const error = new Error('boom');
    expect(unexpectedErrorText(error, false)).toBe('cronbar: boom (run again with --debug for the details)\n');
    expect(unexpectedErrorText(error, true)).toContain(error.stack!);
  });
});
