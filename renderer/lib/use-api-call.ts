/**
 * Loads something from the API for a view, with loading and error states, and reloads when `key` changes or when
 * `reload()` is called (for example on a run:finished event).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../shared/api/contract';
import { toApiError, unwrap } from './api-error';

export type Loadable<T> =
  | { state: 'loading'; value: T | null; error: null }
  | { state: 'ready'; value: T; error: null }
  | { state: 'error'; value: T | null; error: ApiError };

export function useApiCall<T>(call: () => Promise<Result<T>>, key: string): Loadable<T> & { reload: () => void } {
  const [loadable, setLoadable] = useState<Loadable<T>>({ state: 'loading', value: null, error: null });
  const [generation, setGeneration] = useState(0);
  const callRef = useRef(call);
  callRef.current = call;
  const keyRef = useRef(key);

  useEffect(() => {
    let cancelled = false;
    // A new key starts from loading; a reload keeps the old value on screen until the new one arrives.
    if (keyRef.current !== key) {
      keyRef.current = key;
      setLoadable({ state: 'loading', value: null, error: null });
    }
    unwrap(callRef.current()).then(
      (value) => {
        if (!cancelled) setLoadable({ state: 'ready', value, error: null });
      },
      (error: unknown) => {
        if (!cancelled)
          setLoadable((previous) => ({ state: 'error', value: previous.value, error: toApiError(error) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...loadable, reload };
}
