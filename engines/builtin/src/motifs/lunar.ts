/** Standing on the moon: grey cratered ground under a curved horizon, and the Earth in the black sky. */
import { hex, hsl, mixHsl } from '../color.js';
import { dot, neonLine, u, type Scene } from '../scene.js';
import { n, smoothPath, type Point } from '../svg.js';

export interface LunarGround {
  svg: string;
  /** Where figures stand: a line across the near ground. */
  standing: Point[];
}

/** The moon's grey ground from the horizon down, curving away at the sides, pitted with craters larger toward us. */
export function lunarSurface(s: Scene): LunarGround {
  const p = s.palette;
  const H = s.horizon;
  const below = s.h - H;
  const bulge = u(s, s.rng.range(30, 55));
  const cx = s.w * s.rng.range(0.35, 0.65);
  const ridge: Point[] = [];
  for (let i = 0; i <= 16; i++) {
    const x = -u(s, 20) + ((s.w + u(s, 40)) * i) / 16;
    const t = (x - cx) / (s.w * 0.6);
    ridge.push([x, H + bulge * t * t]);
  }
  const far = s.style.neon ? p.ink : mixHsl(hsl(40, 0.05, 0.66), p.light, 0.15);
  const near = s.style.neon ? p.ink : mixHsl(hsl(40, 0.04, 0.3), p.ink, 0.25);
  const fill = s.style.gradients && !s.style.neon ? s.doc.linearAbs([[0, far], [1, near]], 0, H, 0, s.h) : hex(mixHsl(far, near, 0.4));
  const outline = `${smoothPath(ridge)}L${n(s.w + u(s, 20))} ${n(s.h + 1)}L${n(-u(s, 20))} ${n(s.h + 1)}Z`;
  let svg = `<path d="${outline}" fill="${fill}"/>`;

  // Craters: a pale lip toward us and a shadowed bowl, flattened by the low view; all random draws happen whatever
  // is drawn, so a small image keeps a large one's layout.
  const lip = s.style.neon ? p.accent : mixHsl(far, hsl(0, 0, 1), 0.25);
  const bowl = s.style.neon ? hsl(p.ink.h, p.ink.s, p.ink.l * 0.6) : mixHsl(near, hsl(0, 0, 0), 0.35);
  let lips = '';
  let bowls = '';
  const count = s.rng.int(7, 12);
  for (let i = 0; i < count; i++) {
    const depth = Math.pow(s.rng.next(), 0.8);
    const x = s.rng.range(0.02, 0.98) * s.w;
    const y = H + bulge + (below - bulge) * (0.06 + 0.9 * depth);
    const size = u(s, 14 + 85 * depth) * s.rng.range(0.6, 1.3);
    const rx = dot(s, i, size);
    if (rx === undefined) continue;
    const ry = rx * (0.2 + 0.15 * depth);
    lips += `M${n(x - rx * 1.12)} ${n(y)}a${n(rx * 1.12)} ${n(ry * 1.3)} 0 1 0 ${n(rx * 2.24)} 0a${n(rx * 1.12)} ${n(ry * 1.3)} 0 1 0 ${n(-rx * 2.24)} 0Z`;
    bowls += `M${n(x - rx)} ${n(y - ry * 0.2)}a${n(rx)} ${n(ry)} 0 1 0 ${n(rx * 2)} 0a${n(rx)} ${n(ry)} 0 1 0 ${n(-rx * 2)} 0Z`;
  }
  if (s.style.neon) {
    svg += neonLine(s, bowls, p.accent2, 1.2) + neonLine(s, smoothPath(ridge), p.accent, 1.8);
  } else {
    svg += `<path d="${lips}" fill="${hex(lip)}" fill-opacity="0.55"/><path d="${bowls}" fill="${hex(bowl)}" fill-opacity="0.7"/>`;
  }
  return { svg, standing: [[-s.w, H + below * 0.62], [s.w * 2, H + below * 0.62]] };
}

/** The Earth as seen from the moon: blue oceans, green and brown land, white cloud, half of it in shadow. */
export function earth(s: Scene): string {
  const r = u(s, s.rng.range(55, 85));
  const x = s.w * s.rng.range(0.18, 0.82);
  const y = s.horizon * s.rng.range(0.22, 0.45);
  const ocean = s.style.neon ? s.palette.accent2 : hsl(212, 0.65, 0.45);
  const land = s.style.neon ? s.palette.accent : hsl(95, 0.35, 0.4);
  const cloud = hsl(0, 0, 0.95);
  const clip = s.doc.def('c', (id) => `<clipPath id="${id}"><circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}"/></clipPath>`);
  const blob = (cx: number, cy: number, rx: number, ry: number) =>
    `M${n(cx - rx)} ${n(cy)}a${n(rx)} ${n(ry)} 0 1 0 ${n(rx * 2)} 0a${n(rx)} ${n(ry)} 0 1 0 ${n(-rx * 2)} 0Z`;
  let continents = '';
  for (let i = 0; i < 3; i++) {
    continents += blob(x + r * s.rng.range(-0.6, 0.6), y + r * s.rng.range(-0.6, 0.6), r * s.rng.range(0.25, 0.5), r * s.rng.range(0.18, 0.4));
  }
  let clouds = '';
  for (let i = 0; i < 3; i++) clouds += blob(x + r * s.rng.range(-0.7, 0.7), y + r * s.rng.range(-0.8, 0.8), r * s.rng.range(0.3, 0.6), r * 0.07);
  // The night side: the sun lights the Earth from one side.
  const side = s.rng.chance(0.5) ? 1 : -1;
  const shadow = `<circle cx="${n(x + side * r * 0.75)}" cy="${n(y)}" r="${n(r * 1.05)}" fill="#000" fill-opacity="0.6"/>`;
  const glow = `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 1.25)}" fill="${s.doc.radial([[0.75, ocean, 0.35], [1, ocean, 0]], x, y, r * 1.25)}"/>`;
  return (
    `${glow}<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${hex(ocean)}"/>` +
    `<g clip-path="url(#${clip})"><path d="${continents}" fill="${hex(land)}"/><path d="${clouds}" fill="${hex(cloud)}" fill-opacity="0.8"/>${shadow}</g>`
  );
}
