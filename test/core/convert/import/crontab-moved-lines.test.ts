/** Commenting out imported crontab lines, and reading them back: the pure text side of "never run twice". */
import { describe, expect, it } from 'vitest';
import { commentOutCrontabLines } from '../../../../electron/core/convert/import/crontab-moved-lines';
import { convertImport } from '../../../../electron/core/convert/import/import-jobs';

const DEBIAN_HEADER = ['# Edit this file to introduce tasks to be run by cron.', '# ', '# m h  dom mon dow   command'];

describe('commentOutCrontabLines', () => {
  it('marks one occurrence per asked line and leaves every other byte alone', () => {
    const text = 'A=1\r\n0 1 * * * same\r\n0 1 * * * same\n# 0 1 * * * same\n5 5 * * * other\n';
    const result = commentOutCrontabLines(
      text,
      [
        { text: '0 1 * * * same', jobId: 'same' },
        { text: '9 9 * * * gone', jobId: 'gone' },
      ],
      '2027-01-04',
    );
    expect(result.text).toBe(
      'A=1\r\n# moved to Cronbar 2027-01-04 (job same): 0 1 * * * same\r\n0 1 * * * same\n# 0 1 * * * same\n5 5 * * * other\n',
    );
    expect(result.commented).toEqual([{ line: 2, text: '0 1 * * * same', jobId: 'same' }]);
    expect(result.notFound).toEqual([{ text: '9 9 * * * gone', jobId: 'gone' }]);
  });

  it('a moved line is read back as moved, even right under the crontab -e header, and its losses are not repeated', async () => {
    const moved = commentOutCrontabLines(
      [...DEBIAN_HEADER, '0 2 * * * root-only % input', ''].join('\n'),
      [{ text: '0 2 * * * root-only % input', jobId: 'root-only' }],
      '2027-01-04',
    ).text;
    const result = await convertImport('crontab', [{ name: 'crontab', text: moved }], {
      currentUser: 'ana',
      localZone: 'UTC',
    });
    expect(result.jobs).toHaveLength(1);
    expect(result.jobs[0]).toMatchObject({ moved: true, line: 4, sourceText: '0 2 * * * root-only % input' });
    expect(result.losses).toEqual([]);
  });
});
