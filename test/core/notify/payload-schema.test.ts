import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildMessage, testMessage } from '../../../electron/core/notify/message';
import { NotificationPayloadSchema } from '../../../electron/core/notify/payload-schema';
import { makeRun } from '../../helpers/model-builders';
import { parsedConfig } from '../../helpers/notifier-harness';

const DOC = path.resolve(__dirname, '../../../docs/webhook-payload.schema.json');
const payloadJsonSchema = () =>
  `${JSON.stringify(z.toJSONSchema(NotificationPayloadSchema, { io: 'input' }), null, 2)}\n`;

describe('the webhook payload schema', () => {
  it('docs/webhook-payload.schema.json is the schema the messages are typed from', () => {
    // Regenerate after a change: CRONBAR_WRITE_PAYLOAD_SCHEMA=1 npx vitest run test/core/notify/payload-schema.test.ts
    if (process.env.CRONBAR_WRITE_PAYLOAD_SCHEMA) fs.writeFileSync(DOC, payloadJsonSchema());
    expect(fs.readFileSync(DOC, 'utf8')).toBe(payloadJsonSchema());
  });

  it('a failure with its run, and a test message, are valid payloads with no field the schema lacks', () => {
    const job = parsedConfig('jobs:\n  - { id: backup, cron: "0 2 * * *", command: backup.sh }\n').jobs[0]!;
    const failure = buildMessage({
      notice: {
        kind: 'failure',
        title: 'backup failed',
        body: 'exit code 3',
        target: { view: 'run', runId: 1, jobId: 'backup' },
      },
      at: 0,
      job,
      check: null,
      run: makeRun({ jobId: 'backup', status: 'failed', exitCode: 3 }),
      output: 'disk full\n',
    });
    // parse drops unknown keys: equality means the schema describes every field.
    expect(NotificationPayloadSchema.parse(failure)).toEqual(failure);
    const test = testMessage('ops', 0);
    expect(NotificationPayloadSchema.parse(test)).toEqual(test);
  });
});
