/**
 * Composition: lays out one image of a set from the set's plan (plan.ts) and a per-image random stream, as an SVG
 * document: the scene of the plan's kind, then the style's overlays.
 */
import { hsl } from './color.js';
import { abstractComposition } from './motifs/abstract.js';
import { portrait } from './motifs/portrait.js';
import { stillLife } from './motifs/still-life.js';
import { underwaterScene } from './motifs/underwater.js';
import { landscape } from './landscape.js';
import type { Palette } from './palette.js';
import type { ScenePlan } from './plan.js';
import type { MotifId } from './prompt.js';
import type { Rng } from './rng.js';
import { FULL_DETAIL_PX, padStops, u, type Scene } from './scene.js';
import { n, SvgDoc } from './svg.js';

/** Widest (or tallest) aspect ratio a scene is composed at; thinner outputs show a centred slice of it. */
export const MAX_SCENE_ASPECT = 4;

/**
 * Scene size in user units for an output size: the geometric mean of the sides is 1000, and the aspect ratio is
 * clamped so extreme strips (say 4096x1) do not multiply the number of trees or stars.
 */
export function sceneUnits(width: number, height: number): { w: number; h: number } {
  const aspect = Math.min(MAX_SCENE_ASPECT, Math.max(1 / MAX_SCENE_ASPECT, width / height));
  return { w: 1000 * Math.sqrt(aspect), h: 1000 / Math.sqrt(aspect) };
}

/**
 * Level of detail of a scene (see `Scene.detail`): the raster's shorter side over FULL_DETAIL_PX, capped at 1. The
 * shorter side is measured in scene terms (pixels per unit times the scene's shorter side), which is the raster's
 * shorter side except for strips beyond MAX_SCENE_ASPECT, where the slice shown is drawn larger. Outputs whose shorter
 * side is FULL_DETAIL_PX or more always get full detail, also in styles that draw the scene at a small raster on
 * purpose (pixel art, low-poly), so no image of that size changes.
 */
export function sceneDetail(o: Pick<SceneOptions, 'width' | 'height' | 'pxWidth' | 'pxHeight'>): number {
  if (Math.min(o.width, o.height) >= FULL_DETAIL_PX) return 1;
  const { w, h } = sceneUnits(o.width, o.height);
  const shorterPx = Math.max(o.pxWidth / w, o.pxHeight / h) * Math.min(w, h);
  return Math.min(1, Math.max(1, shorterPx) / FULL_DETAIL_PX);
}

export interface SceneOptions {
  plan: ScenePlan;
  /** Per-image palette (the set palette with a small per-index variation). */
  palette: Palette;
  rng: Rng;
  width: number;
  height: number;
  /** Raster size the SVG will be rendered at. */
  pxWidth: number;
  pxHeight: number;
  /** Tiny PNG of the primary reference, blended in as a colour/layout wash. */
  referenceWash?: Buffer;
  /** Extra markup drawn over everything (textures); may register definitions in the document. */
  extra?: (doc: SvgDoc) => string;
  /** Draw the main subjects into `scene.subjects` instead of in place (see `Scene.subjects`). */
  subjectsApart?: boolean;
}

export function buildScene(o: SceneOptions): { doc: SvgDoc; scene: Scene } {
  const { w, h } = sceneUnits(o.width, o.height);
  const doc = new SvgDoc(w, h);
  const horizon = h * Math.min(0.9, Math.max(0.3, o.plan.horizon + o.rng.jitter(0.035)));
  const scene: Scene = {
    doc, rng: o.rng, w, h, m: Math.min(w, h), horizon, palette: o.palette, style: o.plan.style, detail: sceneDetail(o),
    identity: o.plan.identity, tints: o.plan.tints, markings: o.plan.markings,
    ...(o.subjectsApart ? { subjects: { doc: new SvgDoc(w, h), markup: [] } } : {}),
  };
  if (o.plan.celestial !== 'none') {
    const isSun = o.plan.celestial === 'sun';
    const r = u(scene, isSun ? o.rng.range(55, 85) : o.rng.range(40, 62));
    const x = w * o.rng.range(0.2, 0.8);
    const y = isSun && o.plan.lowSun ? horizon - r * o.rng.range(-0.2, 1.6) : horizon * o.rng.range(0.2, 0.45);
    scene.celestial = { kind: isSun ? 'sun' : 'moon', x, y, r };
  }
  return { doc, scene };
}

/** The complete SVG document of one image, and the scene it was laid out in. */
export function sceneSvg(o: SceneOptions): { svg: string; scene: Scene } {
  const { doc, scene } = buildScene(o);
  const body = KIND_DRAWERS[o.plan.kind](scene, o.plan) + overlays(scene, o.referenceWash);
  return { svg: doc.toString(body + (o.extra ? o.extra(doc) : ''), o.pxWidth, o.pxHeight), scene };
}

const KIND_DRAWERS: Record<ScenePlan['kind'], (s: Scene, plan: ScenePlan) => string> = {
  landscape: (s, plan) => landscape(s, plan),
  abstract: (s, plan) => abstractComposition(s, plan.abstractKind),
  underwater: (s, plan) => underwaterScene(s, plan.motifs),
  stilllife: (s, plan) => stillLife(s, plan.motifs),
  portrait: (s, plan) => portrait(s, plan.motifs, plan.portraitView ? landscape(s, { ...plan, motifs: withoutFigures(plan.motifs) }) : undefined),
};

/** The motifs less the people in them: behind a portrait, its sitter is the only person. */
const FIGURES: readonly MotifId[] = ['person', 'people', 'couple', 'male', 'female', 'rider'];
const withoutFigures = (motifs: ReadonlySet<MotifId>): ReadonlySet<MotifId> => new Set([...motifs].filter((m) => !FIGURES.includes(m)));

/** Style overlays drawn over the whole scene: the reference wash, vignette, paper edges. */
function overlays(s: Scene, referenceWash?: Buffer): string {
  let out = '';
  if (referenceWash) {
    const href = `data:image/png;base64,${referenceWash.toString('base64')}`;
    const img = (extra: string) => `<image href="${href}" x="0" y="0" width="${n(s.w)}" height="${n(s.h)}" preserveAspectRatio="xMidYMid slice"${extra}/>`;
    out += img(' style="mix-blend-mode:color"  opacity="0.45"') + img(' opacity="0.18"');
  }
  const v = s.style.vignette;
  if (v > 0) {
    const r = Math.hypot(s.w, s.h) / 2;
    const dark = hsl(s.palette.ink.h, s.palette.ink.s * 0.5, 0.03);
    out += `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${s.doc.radial(padStops(s, [[0, dark, 0], [0.55, dark, 0], [1, dark, Math.min(0.85, v)]]), s.w / 2, s.h / 2, r)}"/>`;
  }
  if (s.style.washes > 0 && s.style.paper > 0) {
    // Watercolour and ink: the paint thins out toward the paper's edges.
    const r = Math.hypot(s.w, s.h) / 2;
    const paper = hsl(40, 0.35, 0.95);
    out += `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${s.doc.radial(padStops(s, [[0, paper, 0], [0.7, paper, 0], [1, paper, 0.75]]), s.w / 2, s.h / 2, r)}"/>`;
  }
  return out;
}
