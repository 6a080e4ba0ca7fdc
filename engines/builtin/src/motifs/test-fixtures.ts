/** Shared by the motif tests: a plain scene to draw one motif into, and measures of what it painted. */
import { rgbToHsl, type Hsl } from '../color.js';
import { sceneSvg } from '../compose.js';
import { planSet } from '../generate.js';
import { buildPalette } from '../palette.js';
import { planScene, type ScenePlan } from '../plan.js';
import { analysePrompt } from '../prompt.js';
import { rasteriseSvg, type Raster } from '../render-small.js';
import { Rng } from '../rng.js';
import type { Scene } from '../scene.js';
import { styleSpec, type BuiltinStyle } from '../styles.js';
import { SvgDoc } from '../svg.js';

/** A 1000x1000 scene (1 unit = 1 px when drawn at 1000 px), horizon at 600, with the palette the prompt gets. */
export function motifScene(prompt: string, style: BuiltinStyle = 'flat', seed = 3): Scene {
  const palette = buildPalette({ info: analysePrompt(prompt), rng: new Rng(seed) });
  return { doc: new SvgDoc(1000, 1000), rng: new Rng(seed + 1), w: 1000, h: 1000, m: 1000, horizon: 600, palette, style: styleSpec(style), detail: 1, identity: seed, tints: {}, markings: {} };
}

/** The plan a prompt gets in the flat style (set seed `seed`). */
export function planFor(prompt: string, seed = 1): ScenePlan {
  const info = analysePrompt(prompt);
  return planScene(info, new Rng(seed), styleSpec('flat'), buildPalette({ info, rng: new Rng(seed) }));
}

/** The markup alone, drawn over nothing at 1000x1000. */
export const drawAlone = (s: Scene, body: string): Raster => rasteriseSvg(s.doc.toString(body, 1000, 1000));

export const alphaAt = (r: Raster, x: number, y: number): number => r.data[(Math.round(y) * r.width + Math.round(x)) * 4 + 3]!;

/** Runs of painted pixels along a row: legs standing apart show as separate runs. */
export function runs(r: Raster, y: number): number {
  let count = 0;
  let inside = false;
  for (let x = 0; x < r.width; x++) {
    const painted = alphaAt(r, x, y) > 128;
    if (painted && !inside) count++;
    inside = painted;
  }
  return count;
}

/**
 * What the low-poly style draws whole over its facets (the subjects), for a prompt's set at `size`² px, and the scene's
 * horizon in those pixels.
 */
export function lowPolySubjects(prompt: string, seed: number, size: number): { raster: Raster; horizon: number } {
  const set = planSet({ prompt, seed, width: size, height: size, style: 'low-poly' });
  const { scene: s } = sceneSvg({
    plan: set.plan, palette: set.plan.palette, rng: new Rng(seed), width: size, height: size, pxWidth: size, pxHeight: size, subjectsApart: true,
  });
  return { raster: rasteriseSvg(s.subjects!.doc.toString(s.subjects!.markup.join(''), size, size)), horizon: (s.horizon / s.h) * size };
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Bounding box of the pixels painted at least half opaque (or at least `minAlpha`). */
export function paintedBox(r: Raster, minAlpha = 128): Box {
  const box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (alphaAt(r, x, y) < minAlpha) continue;
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
    }
  }
  return box;
}

/** The colour of the pixel whose red byte is at `i`, as HSL. */
export const colourOf = (r: Raster, i: number): Hsl => rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! });

/** The colour at (x, y), as HSL. */
export const colourAt = (r: Raster, x: number, y: number): Hsl => colourOf(r, (Math.round(y) * r.width + Math.round(x)) * 4);

/** Opaque pixels by lightness: light (l > 0.7: wool, a white hide) and dark (l < 0.25: legs, patches, black fur). */
export function tones(r: Raster): { light: number; dark: number } {
  const out = { light: 0, dark: 0 };
  for (let i = 0; i < r.data.length; i += 4) {
    if (r.data[i + 3]! < 255) continue;
    const l = colourOf(r, i).l;
    if (l > 0.7) out.light++;
    if (l < 0.25) out.dark++;
  }
  return out;
}

/** Pixels whose colour is warm, bright and saturated: lamp light. */
export function lampPixels(r: Raster): number {
  let count = 0;
  for (let i = 0; i < r.data.length; i += 4) {
    const [red, green, blue, a] = [r.data[i]!, r.data[i + 1]!, r.data[i + 2]!, r.data[i + 3]!];
    if (a > 200 && red > 200 && green > 150 && blue < 150) count++;
  }
  return count;
}
