/** Winter-holiday things that stand on the snow: a snowman and a decorated Christmas tree. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { lamp, lightsOn, neonLine, u, type Scene } from '../scene.js';
import { n, polyPath, type Point } from '../svg.js';

const disc = (x: number, y: number, r: number): string => `M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;

/** A snowman of three balls, with coal eyes and buttons, a carrot nose, stick arms, a scarf and a hat. `y` is the ground. */
export function snowman(s: Scene, x: number, y: number, colour: Hsl): string {
  const height = u(s, s.rng.range(170, 210));
  const facing = s.rng.chance(0.5) ? 1 : -1;
  const [r1, r2, r3] = [height * 0.23, height * 0.165, height * 0.115];
  const [c1, c2, c3] = [y - r1 * 0.9, y - r1 * 1.8 - r2 * 0.75, y - r1 * 1.8 - r2 * 1.5 - r3 * 0.75];
  const snow = s.style.neon ? colour : mixHsl(hsl(210, 0.25, 0.96), s.palette.light, 0.15);
  const shade = s.style.neon ? colour : mixHsl(snow, s.palette.sky[1], 0.3);
  const coal = hex(s.style.neon ? s.palette.accent : hsl(0, 0, 0.1));
  let out = `<path d="${disc(x, c1, r1)}${disc(x, c2, r2)}${disc(x, c3, r3)}" fill="${hex(snow)}"/>`;
  // Shade on the side away from the light, as a crescent on each ball.
  out += `<path d="${disc(x + r1 * 0.35, c1, r1 * 0.75)}${disc(x + r2 * 0.35, c2, r2 * 0.75)}" fill="${hex(shade)}" fill-opacity="0.35"/>`;
  const arm = (side: number) => `M${n(x + side * r2 * 0.8)} ${n(c2 - r2 * 0.2)}l${n(side * height * 0.22)} ${n(-height * 0.14)}l${n(side * height * 0.05)} ${n(-height * 0.05)}`;
  out += `<path d="${arm(-1)}${arm(1)}" fill="none" stroke="${hex(hsl(25, 0.4, 0.25))}" stroke-width="${n(height * 0.02)}" stroke-linecap="round"/>`;
  out += `<path d="${disc(x - r3 * 0.35 + facing * r3 * 0.2, c3 - r3 * 0.2, r3 * 0.1)}${disc(x + r3 * 0.35 + facing * r3 * 0.2, c3 - r3 * 0.2, r3 * 0.1)}` +
    `${disc(x, c2 - r2 * 0.3, r2 * 0.09)}${disc(x, c2 + r2 * 0.15, r2 * 0.09)}${disc(x, c1 - r1 * 0.45, r1 * 0.08)}" fill="${coal}"/>`;
  out += `<path d="M${n(x + facing * r3 * 0.15)} ${n(c3 + r3 * 0.05)}l${n(facing * r3 * 0.9)} ${n(r3 * 0.12)}l${n(-facing * r3 * 0.9)} ${n(r3 * 0.15)}Z" fill="${hex(hsl(25, 0.95, 0.55))}"/>`;
  const scarf = hex(s.style.neon ? s.palette.accent2 : mixHsl(hsl(355, 0.7, 0.45), s.palette.accent, 0.2));
  out += `<path d="M${n(x - r3 * 0.95)} ${n(c3 + r3 * 0.75)}h${n(r3 * 1.9)}v${n(r3 * 0.3)}h${n(-r3 * 1.9)}Z` +
    `M${n(x + facing * r3 * 0.3)} ${n(c3 + r3 * 0.9)}l${n(facing * r3 * 0.3)} ${n(r3 * 1.1)}h${n(facing * r3 * 0.3)}l${n(-facing * r3 * 0.2)} ${n(-r3 * 1.1)}Z" fill="${scarf}"/>`;
  const hatTop = c3 - r3 * 0.75 - r3 * 0.9;
  out += `<path d="M${n(x - r3 * 1.0)} ${n(c3 - r3 * 0.7)}h${n(r3 * 2)}v${n(-r3 * 0.14)}h${n(-r3 * 2)}Z` +
    `M${n(x - r3 * 0.62)} ${n(c3 - r3 * 0.8)}V${n(hatTop)}h${n(r3 * 1.24)}V${n(c3 - r3 * 0.8)}Z" fill="${coal}"/>`;
  if (s.style.neon) out += neonLine(s, disc(x, c1, r1) + disc(x, c2, r2) + disc(x, c3, r3), s.palette.accent, 1.2);
  return out;
}

const BAUBLES: readonly Hsl[] = [hsl(355, 0.8, 0.5), hsl(45, 0.9, 0.55), hsl(210, 0.7, 0.55), hsl(0, 0, 0.92)];

/**
 * A Christmas tree standing at `base`, `height` tall to the top of its star: three tiers of branches on a trunk, hung
 * with baubles and strings of lights that glow in the dark.
 */
export function christmasTree(s: Scene, base: Point, height: number): string {
  const p = s.palette;
  const [cx, yb] = base;
  const green = s.style.neon ? p.ink : mixHsl(hsl(140, 0.45, p.night ? 0.14 : 0.24), p.land, 0.15);
  const half = height * 0.3;
  const trunkTop = yb - height * 0.1;
  let out = `<rect x="${n(cx - height * 0.04)}" y="${n(trunkTop)}" width="${n(height * 0.08)}" height="${n(yb - trunkTop + u(s, 2))}" fill="${hex(hsl(25, 0.4, 0.22))}"/>`;
  let tiers = '';
  const tierTops = [0.38, 0.6, 0.84];
  for (const [i, top] of tierTops.entries()) {
    const bottom = i === 0 ? 0.08 : tierTops[i - 1]! - 0.08;
    const w = half * (1 - i * 0.27);
    tiers += polyPath([[cx - w, yb - height * bottom], [cx, yb - height * top], [cx + w, yb - height * bottom]]);
  }
  out += `<path d="${tiers}" fill="${hex(green)}"/>`;
  if (s.style.neon) out += neonLine(s, tiers, p.accent2, 1.2);
  // Baubles and lights, scattered inside the outline (narrower toward the top).
  const on = lightsOn(s);
  const light = lamp(s);
  let baubles = '';
  let lights = '';
  const byColour = new Map<string, string>();
  for (let i = 0; i < 22; i++) {
    const t = s.rng.range(0.12, 0.8);
    const y = yb - height * t;
    const w = half * (1 - t) * 0.85;
    const x = cx + s.rng.jitter(w);
    if (i % 3 === 0) {
      const c = hex(s.style.neon ? p.accent : s.rng.pick(BAUBLES));
      byColour.set(c, (byColour.get(c) ?? '') + disc(x, y, height * 0.022));
    } else lights += disc(x, y, height * 0.011);
  }
  baubles = [...byColour].map(([fill, d]) => `<path d="${d}" fill="${fill}"/>`).join('');
  out += baubles + `<path d="${lights}" fill="${hex(on ? light : hsl(48, 0.6, 0.8))}"/>`;
  if (on) out += `<path d="${lights}" fill="none" stroke="${hex(light)}" stroke-opacity="0.35" stroke-width="${n(height * 0.025)}"/>`;
  // The star on top.
  const star: Point[] = [];
  const sr = height * 0.06;
  const sy = yb - height * 0.88;
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const r = k % 2 === 0 ? sr : sr * 0.45;
    star.push([cx + Math.cos(a) * r, sy + Math.sin(a) * r]);
  }
  out += `<path d="${polyPath(star)}" fill="${hex(on ? light : hsl(48, 0.9, 0.6))}"/>`;
  return out;
}
