/**
 * A unified diff of two jobs-file texts, as `diff -u` prints it. Lines are compared with Myers' O(ND) algorithm
 * after the common head and tail are set aside, so the usual edit of a few lines in a 2 000-job file costs little; past
 * MAX_EDITS differing lines the middle is shown as removed then added (still a correct diff, only not the shortest).
 */

/** Bounds the trace to ~8 MB (one Int32Array of 2·MAX_EDITS per step). */
const MAX_EDITS = 1_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const ops: Op[] = [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];
  return [`--- ${labels.from}`, `+++ ${labels.to}`, ...hunks(ops, context)].join('\n') + '\n';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script from a to b (Myers 1986, the forward greedy form with a trace to walk back). */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d, offset);
    }
  }
  return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], depth: number, offset: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; y--) ops.push({ kind: ' ', line: a[--x]! });
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  for (; x > 0 && y > 0; y--) ops.push({ kind: ' ', line: a[--x]! });
  return ops.reverse();
}

function hunks(ops: Op[], context: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend over changes closer than two contexts apart: one hunk.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ') gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    let fromLine = 1;
    let toLine = 1;
    for (const op of ops.slice(0, start)) {
      if (op.kind !== '+') fromLine++;
      if (op.kind !== '-') toLine++;
    }
    const body = ops.slice(start, end);
    const fromCount = body.filter((op) => op.kind !== '+').length;
    const toCount = body.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(fromLine, fromCount)} +${range(toLine, toCount)} @@`);
    for (const op of body) out.push(`${op.kind}${op.line}`);
    i = end;
  }
  return out;
}

const range = (line: number, count: number) => (count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`);
