/**
 * A still life: things on a wooden table against a wall, lit from a window on one side, whose panes show the scene's
 * sky (day, dusk or night). At night a candle, if there is one, is the warm light.
 */
import { hex, hsl, mixHsl } from '../color.js';
import type { MotifId } from '../prompt.js';
import { lightsOn, neonLine, setChoice, subject, u, type Scene } from '../scene.js';
import { n, polyPath } from '../svg.js';
import { books, bottle, candle, cup, fruitBowl, vase, type Placed } from './tableware.js';

/** The things a still life can hold, and how tall each stands (scene units). */
export const TABLEWARE: Partial<Record<MotifId, number>> = { vase: 430, bottle: 360, candle: 260, fruit: 270, cup: 200, books: 210 };

/** What stands on the table: the prompt's things in order, or two or three chosen for the set when it names none. */
export function tableItems(s: Scene, motifs: ReadonlySet<MotifId>): MotifId[] {
  const named = (Object.keys(TABLEWARE) as MotifId[]).filter((m) => motifs.has(m));
  if (named.length > 0) return named.slice(0, 4);
  const all = Object.keys(TABLEWARE) as MotifId[];
  const first = setChoice(s, 'still life 1', all);
  const second = setChoice(s, 'still life 2', all.filter((m) => m !== first));
  return [first, second];
}

export function stillLife(s: Scene, motifs: ReadonlySet<MotifId>): string {
  const p = s.palette;
  const light: 1 | -1 = setChoice(s, 'window side', [1, -1] as const);
  const tableTop = s.h * 0.6;
  const dark = p.night;
  const wallC = s.style.neon ? hsl(p.ink.h, p.ink.s, 0.08) : mixHsl(hsl(35, 0.22, dark ? 0.25 : 0.76), p.sky[2], 0.25);
  const wallFill = s.style.gradients && !s.style.neon
    ? s.doc.linearAbs(light > 0 ? [[0, mixHsl(wallC, p.ink, 0.3)], [1, wallC]] : [[0, wallC], [1, mixHsl(wallC, p.ink, 0.3)]], 0, 0, s.w, 0)
    : hex(wallC);
  let out = `<rect width="${n(s.w)}" height="${n(tableTop)}" fill="${wallFill}"/>`;
  out += windowOnWall(s, light, tableTop);

  // The table: a wooden top seen from a little above, its front edge darker, a few lines of grain.
  const wood = s.style.neon ? p.ink : mixHsl(s.tints.table ?? hsl(26, 0.45, dark ? 0.2 : 0.38), p.land, 0.15);
  const edge = s.h * 0.9;
  out += `<rect y="${n(tableTop)}" width="${n(s.w)}" height="${n(edge - tableTop)}" fill="${hex(wood)}"/>`;
  out += `<rect y="${n(edge)}" width="${n(s.w)}" height="${n(s.h - edge)}" fill="${hex(mixHsl(wood, p.ink, 0.45))}"/>`;
  let grain = '';
  for (let i = 0; i < 6; i++) {
    const y = tableTop + (edge - tableTop) * ((i + 0.5) / 6) + u(s, s.rng.jitter(6));
    const x = s.rng.range(0, s.w * 0.6);
    grain += `M${n(x)} ${n(y)}h${n(s.w * s.rng.range(0.2, 0.5))}`;
  }
  out += `<path d="${grain}" stroke="${hex(mixHsl(wood, p.ink, 0.3))}" stroke-opacity="0.5" stroke-width="${n(u(s, 2))}"/>`;
  if (s.style.neon) out += neonLine(s, `M0 ${n(tableTop)}H${n(s.w)}M0 ${n(edge)}H${n(s.w)}`, p.accent, 1.6);

  // The things, spread along the table, each with a soft shadow cast away from the window.
  const items = tableItems(s, motifs);
  const y = tableTop + (edge - tableTop) * 0.55;
  const slot = (s.w * 0.8) / items.length;
  let shadows = '';
  const placed = items.map((kind, i) => {
    const x = s.w * 0.1 + slot * (i + 0.5) + u(s, s.rng.jitter(25));
    const size = u(s, TABLEWARE[kind]!) * s.rng.range(0.9, 1.1);
    const width = Math.min(slot * 0.9, size * 1.1);
    shadows += `<ellipse cx="${n(x - light * width * 0.35)}" cy="${n(y)}" rx="${n(width * 0.75)}" ry="${n(u(s, 14))}" fill="${hex(p.ink)}" fill-opacity="0.3"/>`;
    return { kind, at: { x, y, size: Math.min(size, (slot * 0.9) / 1.1), light } satisfies Placed };
  });
  // In the dark, a candle lights the wall and the table around it.
  const flame = placed.find((item) => item.kind === 'candle');
  if (flame && lightsOn(s) && !s.style.neon) {
    const warm = hsl(38, 0.9, 0.6);
    const [gx, gy, gr] = [flame.at.x, flame.at.y - flame.at.size * 0.9, u(s, 480)];
    out += `<circle cx="${n(gx)}" cy="${n(gy)}" r="${n(gr)}" fill="${s.doc.radial([[0, warm, 0.55], [0.45, warm, 0.22], [1, warm, 0]], gx, gy, gr)}"/>`;
  }
  out += shadows;
  out += subject(s, () => placed.map(({ kind, at }) => drawItem(s, kind, at, motifs)).join(''));
  return out;
}

function drawItem(s: Scene, kind: MotifId, at: Placed, motifs: ReadonlySet<MotifId>): string {
  switch (kind) {
    case 'cup': return cup(s, at, motifs.has('steam'));
    case 'vase': return vase(s, at);
    case 'fruit': return fruitBowl(s, at);
    case 'candle': return candle(s, at);
    case 'books': return books(s, at);
    default: return bottle(s, at);
  }
}

/** A window on the light's side of the wall: four panes of sky in a frame, and its light falling across the wall. */
function windowOnWall(s: Scene, light: 1 | -1, tableTop: number): string {
  const p = s.palette;
  const width = s.w * 0.26;
  const height = tableTop * 0.62;
  const x0 = light > 0 ? s.w * 0.66 : s.w * 0.08;
  const y0 = tableTop * 0.14;
  const sky = s.doc.linearAbs([[0, p.sky[0]], [0.6, p.sky[1]], [1, p.sky[2]]], 0, y0, 0, y0 + height);
  const frame = s.style.neon ? p.accent : mixHsl(hsl(35, 0.2, p.night ? 0.3 : 0.9), p.light, 0.2);
  const bar = u(s, 9);
  // The light falling from the window toward the table, as a faint band.
  const beam = polyPath([[x0, y0 + height], [x0 + width, y0 + height], [x0 + width - light * s.w * 0.25, tableTop * 1.08], [x0 - light * s.w * 0.25, tableTop * 1.08]]);
  const beamC = mixHsl(p.light, p.sun, 0.3);
  let out = p.night ? '' : `<path d="${beam}" fill="${hex(beamC)}" fill-opacity="0.18"/>`;
  out += `<rect x="${n(x0)}" y="${n(y0)}" width="${n(width)}" height="${n(height)}" fill="${sky}"/>`;
  out += `<path d="M${n(x0 + width / 2)} ${n(y0)}V${n(y0 + height)}M${n(x0)} ${n(y0 + height / 2)}H${n(x0 + width)}" stroke="${hex(frame)}" stroke-width="${n(bar)}"/>`;
  out += `<rect x="${n(x0)}" y="${n(y0)}" width="${n(width)}" height="${n(height)}" fill="none" stroke="${hex(frame)}" stroke-width="${n(bar * 1.6)}"/>`;
  return out;
}
