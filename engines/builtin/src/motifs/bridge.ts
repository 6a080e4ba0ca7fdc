/** A stone bridge of round arches across the water, with its reflection. */
import { hex, hsl, mixHsl } from '../color.js';
import { landFill, neonLine, u, type Scene } from '../scene.js';
import { n } from '../svg.js';

export interface Bridge {
  svg: string;
  /** Where the piers stand in the water. */
  waterline: number;
  /** The top of the parapet. */
  deck: number;
}

/**
 * A bridge crossing the whole picture in the middle distance: a deck on 3 to 5 round arches (more on a wide scene),
 * drawn over the water, and its reflection, which closes each arch into an eye.
 */
export function bridge(s: Scene): Bridge {
  const p = s.palette;
  const below = s.h - s.horizon;
  const waterline = s.horizon + below * s.rng.range(0.3, 0.42);
  const arches = Math.max(3, Math.round(s.rng.int(3, 5) * (s.w / s.m)));
  const overhang = u(s, 30);
  const span = (s.w + 2 * overhang) / arches;
  const pier = span * s.rng.range(0.16, 0.24);
  const rise = Math.min((span - pier) / 2, u(s, s.rng.range(60, 90)));
  const deck = waterline - rise - u(s, s.rng.range(22, 34));
  const x0 = -overhang;
  const x1 = s.w + overhang;
  // The outline: up the left end, along the deck, down the right end, then back along the water through each arch.
  let d = `M${n(x0)} ${n(waterline)}V${n(deck)}H${n(x1)}V${n(waterline)}`;
  for (let i = arches - 1; i >= 0; i--) {
    const right = x0 + (i + 1) * span - pier / 2;
    const left = x0 + i * span + pier / 2;
    const half = (right - left) / 2;
    d += `H${n(right)}A${n(half)} ${n(rise)} 0 0 0 ${n(left)} ${n(waterline)}`;
  }
  d += 'Z';
  // Darker than the water and the sky it stands against, so that it reads as a silhouette with lit water in its arches.
  const stone = s.style.neon ? p.ink : mixHsl(hsl(30, 0.2, p.night ? 0.2 : 0.4), p.ink, 0.35);
  const fill = s.style.neon ? hex(stone) : landFill(s, stone, deck, waterline, s.style.mist * 0.3);
  const parapet = u(s, 7);
  const shade = hex(mixHsl(stone, p.ink, 0.45));
  let svg = `<g opacity="0.4" transform="matrix(1 0 0 -1 0 ${n(2 * waterline)})"><path d="${d}" fill="${hex(stone)}"/></g>`;
  svg += `<path d="${d}" fill="${fill}"/>`;
  // The coping along the top, a shade darker, so the deck reads as a ledge.
  svg += `<rect x="${n(x0)}" y="${n(deck + parapet)}" width="${n(x1 - x0)}" height="${n(u(s, 3))}" fill="${shade}"/>`;
  if (s.style.neon) svg += neonLine(s, `M${n(x0)} ${n(deck)}H${n(x1)}`, p.accent, 1.6);
  return { svg, waterline, deck };
}
