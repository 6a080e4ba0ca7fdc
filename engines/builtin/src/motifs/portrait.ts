/**
 * A portrait, told the way a procedural renderer can tell one honestly: a silhouette in profile (head, neck and
 * shoulders, long or short hair) against a soft background of out-of-focus lights, like a cut-paper cameo; or, before
 * a landscape, to one side of it, looking into the view.
 */
import { hex, hsl, mixHsl } from '../color.js';
import type { MotifId } from '../prompt.js';
import { dot, neonLine, setChoice, subject, u, type Scene } from '../scene.js';
import { n, smoothPath, type Point } from '../svg.js';

/** The profile facing right, in head heights from the middle of the head (x forward, y down). */
const PROFILE: readonly Point[] = [
  [-0.05, -0.56], [0.28, -0.45], [0.42, -0.22], [0.45, -0.05], [0.43, 0.01], [0.56, 0.15], [0.45, 0.2], [0.47, 0.26],
  [0.43, 0.3], [0.46, 0.34], [0.41, 0.4], [0.43, 0.48], [0.3, 0.56], [0.22, 0.62], [0.24, 0.82], [0.55, 1.0],
  [0.8, 1.2], [0.9, 1.6], [-0.95, 1.6], [-0.85, 1.15], [-0.45, 0.95], [-0.22, 0.7], [-0.3, 0.4], [-0.48, 0.1],
  [-0.42, -0.3],
];

/** Long hair falling from the crown down the back, behind the shoulders. */
const LONG_HAIR: readonly Point[] = [
  [0.3, -0.46], [0.0, -0.64], [-0.38, -0.5], [-0.58, -0.1], [-0.6, 0.4], [-0.55, 0.9], [-0.7, 1.3], [-0.35, 1.25],
  [-0.2, 0.8], [-0.12, 0.3], [0.05, -0.2], [0.3, -0.3],
];

/** Short hair: a cap over the crown and the back of the head. */
const SHORT_HAIR: readonly Point[] = [[0.32, -0.42], [0.02, -0.62], [-0.38, -0.5], [-0.52, -0.1], [-0.42, 0.18], [-0.25, 0.0], [0.05, -0.3], [0.3, -0.32]];

/** The portrait of the scene; `view`, the landscape drawn behind it, if any (the sitter stands to one side of it). */
export function portrait(s: Scene, motifs: ReadonlySet<MotifId>, view?: string): string {
  const head = s.h * (view === undefined ? 0.36 : 0.3);
  const facing = s.rng.chance(0.5) ? 1 : -1;
  const cx = s.w * 0.5 - facing * s.w * (view === undefined ? 0.06 : 0.22);
  const cy = view === undefined ? s.h * 0.4 : s.h - head * 1.45;
  const place = ([fx, fy]: Point): Point => [cx + facing * fx * head, cy + fy * head];
  return (view ?? softLights(s, cx, cy, head)) + subject(s, () => sitter(s, motifs, place));
}

/** A background of soft light: a glow behind the head (at `cx`, `cy`) and round out-of-focus lights. */
function softLights(s: Scene, cx: number, cy: number, head: number): string {
  const p = s.palette;
  const [top, mid, low] = p.sky;
  let out = `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${s.doc.linearAbs([[0, top], [0.6, mid], [1, low]], 0, 0, 0, s.h)}"/>`;
  const glow = s.style.neon ? p.accent : mixHsl(p.glow, p.light, 0.4);
  out += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(head * 1.6)}" fill="${s.doc.radial([[0, glow, 0.55], [1, glow, 0]], cx, cy, head * 1.6)}"/>`;
  const bokeh = new Map<string, string>();
  for (let i = 0; i < 18; i++) {
    const x = s.rng.range(0, s.w);
    const y = s.rng.range(0, s.h);
    const r = dot(s, i, u(s, s.rng.range(18, 60)));
    const colour = hex(s.rng.pick([p.light, p.accent, p.accent2, p.glow]));
    if (r !== undefined) bokeh.set(colour, (bokeh.get(colour) ?? '') + `M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`);
  }
  return out + `<g opacity="0.35">${[...bokeh].map(([fill, d]) => `<path d="${d}" fill="${fill}"/>`).join('')}</g>`;
}

/** The sitter, placed by `place`: long hair unless the prompt names a man or a boy; otherwise the set's choice. */
function sitter(s: Scene, motifs: ReadonlySet<MotifId>, place: (point: Point) => Point): string {
  const p = s.palette;
  const man = motifs.has('male');
  const long = !man && (motifs.has('female') || setChoice(s, 'hair', [true, false]));
  const figure = s.style.neon ? hsl(p.ink.h, p.ink.s, 0.03) : s.tints.portrait ?? mixHsl(p.ink, hsl(0, 0, 0), 0.35);
  const hair = s.style.neon ? figure : mixHsl(figure, hsl(25, 0.4, 0.2), 0.25);
  const outline = smoothPath(PROFILE.map(place), true, 0.9);
  const hairPath = smoothPath((long ? LONG_HAIR : SHORT_HAIR).map(place), true, 0.9);
  const hairShape = `<path d="${hairPath}" fill="${hex(hair)}"/>`;
  const face = `<path d="${outline}" fill="${hex(figure)}"/>`;
  // Long hair falls behind the shoulders; short hair sits on the head. Neon lights the face's edge. At night a faint
  // rim of light keeps the dark figure apart from the dark behind it: a stroke under the figure, so only its outer half
  // shows, and none where the hair covers it.
  const rim = p.night && !s.style.neon
    ? `<path d="${outline}" fill="none" stroke="${hex(mixHsl(p.light, p.glow, 0.5))}" stroke-width="${n(u(s, 6))}" stroke-opacity="0.55"/>`
    : '';
  return rim + (long ? hairShape + face : face + hairShape) + (s.style.neon ? neonLine(s, outline, p.accent, 2) : '');
}
