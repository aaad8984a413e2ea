/**
 * The engine resyncs after a sleep, a clock change or a late timer (its own ClockWatch, or service.resync) and says
 * so in one log line, `resync: <reason>`. The monitor needs the same moment (wall deadlines may have passed, and the
 * downtime recorder measures the jump), so the service taps that line rather than editing the engine while it is
 * being split (issue 10). Once the engine emits a `resync` event, replace this tap with a listener.
 */
const PREFIX = 'resync: ';

export function tapResync(log: (line: string) => void, onResync: (reason: string) => void): (line: string) => void {
  return (line) => {
    log(line);
    if (line.startsWith(PREFIX)) onResync(line.slice(PREFIX.length));
  };
}
