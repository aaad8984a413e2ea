import type { ApiError, Result } from '../../shared/api/contract';

/** An API call that came back `{ ok: false }`, carried as an exception inside the renderer only. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (error) {
    // The transport itself failed (IPC gone, bridge closed): still an error the admin must see.
    throw new ApiFailure({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return error.error;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
