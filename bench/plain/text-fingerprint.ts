/** Plain stand-in for config/text-fingerprint.ts: node:crypto's SHA-256, imported as any module would. */
import { createHash } from 'node:crypto';

export function textFingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
