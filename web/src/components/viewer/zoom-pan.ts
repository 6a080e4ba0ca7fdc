/** Where the image is in the viewer: its scale (1 = fitted) and its offset from the centre, in screen pixels. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

/** The visible box the image is fitted into (its size at scale 1). */
export interface Box {
  width: number;
  height: number;
}

export const FITTED: View = { scale: 1, x: 0, y: 0 };
export const MIN_SCALE = 1;
export const MAX_SCALE = 8;
/** One press of + or − (and one wheel notch, scaled by the delta) changes the scale by this factor. */
export const ZOOM_STEP = 1.5;
/** One press of an arrow key moves a zoomed image by this share of the box. */
export const PAN_STEP = 0.15;

const clampTo = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));

/** Keeps the image covering the box: it cannot be dragged so far that empty space shows beside it. */
function clampOffset(view: View, box: Box): View {
  const limitX = ((view.scale - 1) * box.width) / 2;
  const limitY = ((view.scale - 1) * box.height) / 2;
  return { scale: view.scale, x: clampTo(view.x, limitX), y: clampTo(view.y, limitY) };
}

/**
 * Scales by `factor` keeping the point under `at` (relative to the box's centre; the centre when left out) where
 * it is, as a map does under the cursor.
 */
export function zoomBy(view: View, factor: number, box: Box, at = { x: 0, y: 0 }): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  if (scale === MIN_SCALE) return FITTED;
  const ratio = scale / view.scale;
  return clampOffset({ scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio }, box);
}

export function panBy(view: View, dx: number, dy: number, box: Box): View {
  return clampOffset({ scale: view.scale, x: view.x + dx, y: view.y + dy }, box);
}

export const isZoomed = (view: View) => view.scale > MIN_SCALE;

/** What a key does to the view, or null when the key is not a zoom or pan key (arrows pan only when zoomed). */
export function viewForKey(view: View, key: string, box: Box): View | null {
  switch (key) {
    case '+':
    case '=':
      return zoomBy(view, ZOOM_STEP, box);
    case '-':
    case '_':
      return zoomBy(view, 1 / ZOOM_STEP, box);
    case '0':
      return FITTED;
  }
  if (!isZoomed(view)) return null;
  const step = { x: box.width * PAN_STEP, y: box.height * PAN_STEP };
  // An arrow shows more of the image on that side, so the image itself moves the other way.
  const moves: Record<string, [number, number]> = { ArrowLeft: [step.x, 0], ArrowRight: [-step.x, 0], ArrowUp: [0, step.y], ArrowDown: [0, -step.y] };
  const move = moves[key];
  return move ? panBy(view, move[0], move[1], box) : null;
}
