/**
 * The system clock's timers are unref'd so an idle CLI can exit. A kill that is already promised (SIGKILL after the
 * grace, the wait for a left-behind process) must still happen, even when the job's own process is gone and nothing
 * else holds the event loop open: re-ref those timers. Fake clocks return plain handles and are left alone.
 */
import type { TimerHandle } from '../ports';

export function keepProcessAlive(handle: TimerHandle): TimerHandle {
  (handle as { ref?: () => unknown } | null)?.ref?.();
  return handle;
}
