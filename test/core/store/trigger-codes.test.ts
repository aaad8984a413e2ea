/**
 * Each way a run can start has its own code in the runs table: two triggers sharing a code would read back as one of
 * them (a backfill run shown as a file event), so every code is distinct and fits the column.
 */
import { describe, expect, it } from 'vitest';
import { RUN_TRIGGERS } from '../../../shared/model';
import { TRIGGER_CODES } from '../../../electron/core/store/run-rows';

describe('run trigger codes', () => {
  it('give every trigger a code of its own, from 0 to 15', () => {
    const codes = RUN_TRIGGERS.map((trigger) => TRIGGER_CODES[trigger]);
    expect(new Set(codes).size).toBe(RUN_TRIGGERS.length);
    for (const code of codes) expect(code >= 0 && code <= 15, String(code)).toBe(true);
  });
});
