/**
 * How a measuring child talks to the parent: its options arrive as JSON in argv[2]; it prints `BENCH_PHASE <name>`
 * as it goes (so a child killed at its time limit still says how far it got) and one `BENCH_RESULT <json>` line.
 */
export const PHASE_PREFIX = 'BENCH_PHASE ';
export const RESULT_PREFIX = 'BENCH_RESULT ';

export function childOptions<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('a bench child needs its options as JSON in argv[2]');
  return JSON.parse(raw) as T;
}

export function reportPhase(name: string): void {
  process.stdout.write(`${PHASE_PREFIX}${name}\n`);
}

export function reportResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Runs a child's main, reports a thrown error as the result, and exits (subjects may leave timers armed). */
export function runChild(main: () => Promise<unknown>): void {
  main().then(
    (result) => {
      reportResult(result);
      process.exit(0);
    },
    (error: unknown) => {
      reportResult({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}
