import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JobsFileSchema, normalizeJobsFile, parseLocalDateTime } from '../../../shared/config/schema';
import { atToEpoch } from '../../../electron/core/engine/zoned-time';

function issuesOf(yaml: string): string[] {
  const parsed = JobsFileSchema.safeParse(parse(yaml));
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('at: date and time', () => {
  it('accepts what toISOString() writes (fractional seconds and Z) and fires at that millisecond', () => {
    const text = '2026-12-01T19:28:32.254Z';
    expect(issuesOf(`jobs:\n  - { id: once, at: "${text}", command: ls }\n`)).toEqual([]);
    const [job] = normalizeJobsFile(
      JobsFileSchema.parse(parse(`jobs:\n  - { id: once, at: "${text}", command: ls }\n`)),
      'UTC',
    ).jobs;
    expect(job?.schedule).toEqual({ kind: 'at', at: text });
    expect(atToEpoch(text, 'America/New_York')).toBe(Date.parse(text));
  });

  it('reads offsets with fractions, a comma as decimal sign, and more than three digits', () => {
    expect(atToEpoch('2026-12-01T19:28:32.5+02:00', 'UTC')).toBe(Date.parse('2026-12-01T17:28:32.500Z'));
    expect(atToEpoch('2026-12-01T19:28:32,123456-0130', 'UTC')).toBe(Date.parse('2026-12-01T20:58:32.123Z'));
    expect(atToEpoch('2026-12-01 09:00:00.250', 'Europe/Paris')).toBe(Date.parse('2026-12-01T08:00:00.250Z'));
  });

  it('still rejects what is not a date and time, with the field named', () => {
    expect(parseLocalDateTime('2026-12-01T19:28.254Z')).toBeNull(); // a fraction needs seconds
    expect(parseLocalDateTime('2026-12-01T19:28:32.Z')).toBeNull();
    expect(issuesOf('jobs:\n  - { id: once, at: "2026-02-30T10:00", command: ls }\n')).toEqual([
      'jobs.0.at: "2026-02-30T10:00" is not a date and time such as 2027-01-01T09:00',
    ]);
  });
});
