/** The HTTP status for a Result: the body is always the contract's Result, the status lets `curl -f` and proxies see failure. */
import type { ErrorCode } from '../../../shared/api/contract';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'invalid-config': 422,
  conflict: 409,
  'not-found': 404,
  refused: 403,
  locked: 423,
  internal: 500,
};

export function statusForError(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}
