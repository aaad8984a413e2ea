/** Plain stand-in for config/text-fingerprint.ts: the jobs file's existing version token (SHA-256 via node:crypto). */
export { jobsTextVersion as textFingerprint } from '../../electron/core/config/jobs-file-text';
