/**
 * The main window's size and position, remembered in a small JSON file in userData so the lab opens
 * where the user left it. Pure Node (no `electron` import) so it is tested on Node; a missing,
 * corrupt or off-screen state falls back to a centred default window.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent means "let the system place it" (first start, or the saved place is on no display now). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 860, maximized: false };
export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 520;

/** The saved state, checked against the displays' work areas; the default when unusable. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW };
  }
  const s = raw as Partial<Record<keyof WindowState, unknown>>;
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;
  if (typeof raw !== 'object' || raw === null || !isInt(s.width) || !isInt(s.height)) return { ...DEFAULT_WINDOW };
  const width = Math.max(MIN_WIDTH, s.width);
  const height = Math.max(MIN_HEIGHT, s.height);
  const maximized = s.maximized === true;
  if (!isInt(s.x) || !isInt(s.y)) return { width, height, maximized };
  const rect = { x: s.x, y: s.y, width, height };
  // A window whose title bar would be on no display (a monitor unplugged) is placed by the system instead.
  const visible = workAreas.some((a) => overlap(rect, a) >= 64 * 32);
  return visible ? { ...rect, maximized } : { width, height, maximized };
}

/** Writes the state atomically (a crash mid-write leaves the old file, not half a file). */
export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state));
  fs.renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
