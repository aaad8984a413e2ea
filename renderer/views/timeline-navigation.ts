/**
 * Moving through the timeline by keyboard. The chart is one tab stop (a roving tabindex): with a job every 15 minutes
 * a day holds about a hundred bars per row, too many to Tab through. Left/Right walk a row in time order, Up/Down go
 * to the neighbouring row's mark nearest in time, Home/End jump to a row's ends.
 */
export interface MarkPosition {
  row: number;
  index: number;
}

type Rows = ReadonlyArray<{ marks: ReadonlyArray<{ at: number }> }>;

function nearestIndex(marks: ReadonlyArray<{ at: number }>, at: number): number {
  let best = 0;
  marks.forEach((mark, index) => {
    if (Math.abs(mark.at - at) < Math.abs(marks[best]!.at - at)) best = index;
  });
  return best;
}

/** Where focus first lands: the first row's mark nearest to now, between what ran and what comes. */
export function initialPosition(rows: Rows, now: number): MarkPosition | null {
  const first = rows[0];
  return first && first.marks.length > 0 ? { row: 0, index: nearestIndex(first.marks, now) } : null;
}

/** The position a key moves to, or null when the key is not a move (so the event is left alone). */
export function movePosition(rows: Rows, from: MarkPosition, key: string): MarkPosition | null {
  const marks = rows[from.row]?.marks ?? [];
  const clampIndex = (index: number) => Math.min(Math.max(index, 0), marks.length - 1);
  switch (key) {
    case 'ArrowLeft':
      return { row: from.row, index: clampIndex(from.index - 1) };
    case 'ArrowRight':
      return { row: from.row, index: clampIndex(from.index + 1) };
    case 'Home':
      return { row: from.row, index: 0 };
    case 'End':
      return { row: from.row, index: marks.length - 1 };
    case 'ArrowUp':
    case 'ArrowDown': {
      const row = Math.min(Math.max(from.row + (key === 'ArrowUp' ? -1 : 1), 0), rows.length - 1);
      const at = marks[from.index]?.at ?? 0;
      return { row, index: nearestIndex(rows[row]!.marks, at) };
    }
    default:
      return null;
  }
}
