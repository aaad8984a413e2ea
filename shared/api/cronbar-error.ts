/**
 * The service's error: a code the boundary turns into the contract's `ApiError`. Zod-free (contract.ts re-exports it),
 * so code that only throws or catches it, the CLI's start among them, does not load the schemas.
 */
import type { ConfigIssue } from '../model';

/** Errors cross IPC as data, never as thrown exceptions (Electron keeps only the message of a thrown error). */
export const ERROR_CODES = [
  'invalid-input',
  'invalid-config',
  'conflict',
  'not-found',
  'refused',
  'locked',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A service error with a code, thrown inside main and turned into a Result at the boundary. */
export class CronbarError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ConfigIssue[],
  ) {
    super(message);
    this.name = 'CronbarError';
  }
}
