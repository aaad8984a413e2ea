/** The cache key of a jobs text: its version token (SHA-256), under the name open-cronbar.ts imports it by. */
export { jobsTextVersion as textFingerprint } from './jobs-file-text';
