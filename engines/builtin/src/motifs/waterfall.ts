/** A waterfall: a ribbon of white water down a rock face into a pool, with spray at its foot. */
import { hex, hsl, mixHsl } from '../color.js';
import { landFill, neonLine, u, type Scene } from '../scene.js';
import { n, polyPath, type Point } from '../svg.js';

export interface Waterfall {
  svg: string;
  /** Where the water falls: its middle, the lip it pours over and the pool it falls into. */
  x: number;
  lip: number;
  pool: number;
}

/**
 * A rock face in the middle distance, its top above the horizon, with the fall pouring over its lip and widening as it
 * drops into a pool in front of it.
 */
export function waterfall(s: Scene): Waterfall {
  const p = s.palette;
  const below = s.h - s.horizon;
  const x = s.w * s.rng.range(0.35, 0.65);
  const pool = s.horizon + below * s.rng.range(0.45, 0.6);
  const lip = s.horizon - u(s, s.rng.range(40, 110));
  const rockHalf = s.w * s.rng.range(0.28, 0.4);
  const fallHalf = u(s, s.rng.range(22, 40));
  // The rock: the water pours through a notch in its top, between shoulders a little higher; its sides fall away
  // halfway to the pool, and its foot is hidden behind the pool.
  const drop = pool - lip;
  const rock: Point[] = [[x - rockHalf * 1.15, pool + u(s, 10)]];
  for (let i = 0; i <= 8; i++) {
    const off = Math.abs(i / 8 - 0.5);
    const top = off < 0.12 ? lip : off <= 0.35 ? lip - drop * s.rng.range(0.03, 0.12) : lip + drop * ((off - 0.35) / 0.15) * 0.5;
    rock.push([x - rockHalf + (2 * rockHalf * i) / 8, top]);
  }
  rock.push([x + rockHalf * 1.15, pool + u(s, 10)]);
  const stone = s.style.neon ? p.ink : mixHsl(p.ink, p.land, 0.5);
  let svg = `<path d="${polyPath(rock)}" fill="${s.style.neon ? hex(stone) : landFill(s, stone, lip, pool, 0)}"/>`;
  // Cracks down the face, darker toward the foot, so it reads as a cliff rather than a mound.
  let cracks = '';
  for (let i = 0; i < 6; i++) {
    const side = i % 2 === 0 ? -1 : 1;
    const cx = x + side * (fallHalf * 1.6 + rockHalf * s.rng.range(0.05, 0.6));
    const top = lip + drop * s.rng.range(0.05, 0.3);
    cracks += `M${n(cx)} ${n(top)}l${n(u(s, s.rng.jitter(12)))} ${n(drop * 0.35)}l${n(u(s, s.rng.jitter(12)))} ${n(drop * 0.4)}`;
  }
  if (!s.style.neon) svg += `<path d="${cracks}" fill="none" stroke="${hex(p.ink)}" stroke-opacity="0.25" stroke-width="${n(u(s, 3))}" stroke-linecap="round"/>`;
  // Moss along the top.
  if (!s.style.neon) svg += `<path d="${polyPath(rock.slice(1, -1), false)}" fill="none" stroke="${hex(mixHsl(p.land, hsl(110, 0.4, 0.35), 0.4))}" stroke-width="${n(u(s, 9))}" stroke-linejoin="round"/>`;

  const foam = s.style.neon ? p.accent : mixHsl(hsl(0, 0, 0.97), p.light, 0.2);
  const deep = s.style.neon ? p.accent2 : mixHsl(p.water, foam, 0.45);
  const spread = fallHalf * 1.35;
  const fall = polyPath([[x - fallHalf, lip - u(s, 2)], [x + fallHalf, lip - u(s, 2)], [x + spread, pool], [x - spread, pool]]);
  const fill = s.style.gradients ? s.doc.linearAbs([[0, deep], [1, foam]], 0, lip, 0, pool) : hex(mixHsl(deep, foam, 0.5));
  svg += `<path d="${fall}" fill="${fill}"/>`;
  // Streaks down the falling water.
  let streaks = '';
  for (let i = 0; i < 7; i++) {
    const t = (i + 0.5) / 7 - 0.5;
    const top = lip + (pool - lip) * s.rng.range(0, 0.3);
    streaks += `M${n(x + t * 2 * fallHalf)} ${n(top)}L${n(x + t * 2 * spread)} ${n(pool)}`;
  }
  svg += `<path d="${streaks}" fill="none" stroke="${hex(s.style.neon ? p.light : deep)}" stroke-width="${n(u(s, 2.5))}" stroke-opacity="0.55"/>`;
  // The pool and the spray where the water lands.
  const poolRx = spread * 3.2;
  const poolRy = u(s, s.rng.range(14, 22));
  svg += `<ellipse cx="${n(x)}" cy="${n(pool + poolRy * 0.6)}" rx="${n(poolRx)}" ry="${n(poolRy)}" fill="${hex(s.style.neon ? p.ink : mixHsl(p.water, p.sky[1], 0.3))}"/>`;
  const spray = s.doc.radial([[0, foam, 0.9], [0.6, foam, 0.5], [1, foam, 0]], x, pool, spread * 2);
  svg += `<ellipse cx="${n(x)}" cy="${n(pool)}" rx="${n(spread * 2)}" ry="${n(spread * 0.8)}" fill="${spray}"/>`;
  if (s.style.neon) svg += neonLine(s, polyPath(rock.slice(1, -1), false), p.accent, 1.6);
  return { svg, x, lip, pool };
}
