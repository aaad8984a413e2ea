/** Remembered window size and position, checked against the displays that exist now (a monitor may be gone). */

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1100, height: 720 } as const;
export const MIN_SIZE = { width: 640, height: 420 } as const;

function isFiniteBounds(value: unknown): value is Bounds {
  if (!value || typeof value !== 'object') return false;
  const bounds = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof bounds[key] === 'number' && Number.isFinite(bounds[key]));
}

/** Parses the saved file's JSON; anything malformed means "no saved state". */
export function parseWindowState(text: string | null): SavedWindowState | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { bounds?: unknown; maximized?: unknown };
    if (!isFiniteBounds(value.bounds)) return null;
    return { bounds: value.bounds, maximized: value.maximized === true };
  } catch {
    return null;
  }
}

/**
 * The bounds to open with: the saved ones when at least a 100×50 px corner of the title bar lands on a current
 * display's work area, else only the saved size (the OS centres the window).
 */
export function restoreBounds(
  saved: SavedWindowState | null,
  workAreas: Bounds[],
): Partial<Bounds> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN_SIZE.width, Math.round(saved.bounds.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.bounds.height));
  const { x, y } = saved.bounds;
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
    const overlapY = Math.min(y + 50, area.y + area.height) - Math.max(y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible ? { x: Math.round(x), y: Math.round(y), width, height } : { width, height };
}
