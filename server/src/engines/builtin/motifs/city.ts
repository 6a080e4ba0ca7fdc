/** City skyline motif: two rows of buildings with roof variety and lit or dark windows. */
import { hex, hsl, mixHsl } from '../color.js';
import { depthColour, neonLine, u, type Scene } from '../scene.js';
import { n } from '../svg.js';

/** Windows of one building as rectangle subpaths, split into lit and dark sets. */
function windowGrid(s: Scene, x: number, top: number, bw: number, bh: number, cell: number, litShare: number, budget: { left: number }): { lit: string; dark: string } {
  let lit = '';
  let dark = '';
  const inset = cell * 0.6;
  const cols = Math.floor((bw - inset * 2) / cell);
  const rows = Math.floor((bh - inset * 1.5) / (cell * 1.3));
  const ww = cell * 0.44;
  const wh = cell * 0.62;
  // Some floors are dark, some bright: lights cluster by floor, like real buildings at night.
  for (let r = 0; r < rows && budget.left > 0; r++) {
    const floorShare = litShare * s.rng.range(0.3, 1.7);
    for (let c = 0; c < cols && budget.left > 0; c++) {
      const wx = x + inset + c * cell + cell * 0.28;
      const wy = top + inset + r * cell * 1.3;
      const rect = `M${n(wx)} ${n(wy)}h${n(ww)}v${n(wh)}h${n(-ww)}z`;
      if (s.rng.chance(floorShare)) lit += rect;
      else dark += rect;
      budget.left--;
    }
  }
  return { lit, dark };
}

export function city(s: Scene, opts: { base: number; rows: number }): { svg: string; ids: string[] } {
  const p = s.palette;
  const lights = p.night || p.sky[0].l < 0.35;
  let svg = '';
  const ids: string[] = [];
  for (let row = 0; row < opts.rows; row++) {
    const near = row === opts.rows - 1;
    const depth = opts.rows === 1 ? 0.8 : 0.35 + (0.55 * row) / (opts.rows - 1);
    const wall = s.style.neon ? hsl(p.ink.h, p.ink.s, 0.06 + 0.05 * (1 - depth)) : depthColour(s, depth);
    const litColour = s.style.neon ? (row % 2 ? p.accent : p.accent2) : lights ? mixHsl(p.accent, hsl(44, 0.95, 0.68), 0.65) : mixHsl(wall, p.light, 0.35);
    const darkWin = hsl(wall.h, wall.s, wall.l * 0.7);
    const cell = u(s, near ? 9 : 6);
    const budget = { left: 2500 };
    let litWindows = '';
    let darkWindows = '';
    let x = -u(s, s.rng.range(0, 40));
    let bodies = '';
    let outline = '';
    const base = opts.base + u(s, 3) * row;
    while (x < s.w) {
      const bw = u(s, s.rng.range(28, 70)) * (near ? 1.2 : 0.9);
      const tall = s.rng.chance(0.15);
      const bh = u(s, s.rng.range(50, 150)) * (near ? 1.1 : 1.35) * (tall ? 1.8 : 1);
      const top = base - bh;
      bodies += `<rect x="${n(x)}" y="${n(top)}" width="${n(bw + u(s, 0.6))}" height="${n(bh + u(s, 40))}"/>`;
      const roof = s.rng.next();
      if (roof < 0.25) {
        const sw = bw * s.rng.range(0.4, 0.7);
        const sh = u(s, s.rng.range(10, 30));
        bodies += `<rect x="${n(x + (bw - sw) / 2)}" y="${n(top - sh)}" width="${n(sw)}" height="${n(sh + 1)}"/>`;
      } else if (roof < 0.4) {
        const ah = u(s, s.rng.range(20, 55));
        bodies += `<rect x="${n(x + bw / 2 - u(s, 1.2))}" y="${n(top - ah)}" width="${n(u(s, 2.4))}" height="${n(ah)}"/>`;
      } else if (roof < 0.5) {
        const ph = bw * s.rng.range(0.4, 0.9);
        bodies += `<path d="M${n(x)} ${n(top + 0.5)}L${n(x + bw / 2)} ${n(top - ph)}L${n(x + bw)} ${n(top + 0.5)}Z"/>`;
      }
      if (bw > cell * 2.5 && bh > cell * 3) {
        const g = windowGrid(s, x, top, bw, bh, cell, lights ? 0.45 : 0.3, budget);
        litWindows += g.lit;
        darkWindows += g.dark;
      }
      if (s.style.neon && near) outline += `M${n(x)} ${n(base)}V${n(top)}H${n(x + bw)}V${n(base)}`;
      x += bw + (s.rng.chance(0.2) ? u(s, s.rng.range(2, 14)) : 0);
    }
    const id = s.doc.def('s', () => '');
    ids.push(id);
    const windows =
      (darkWindows ? `<path d="${darkWindows}" fill="${hex(darkWin)}" fill-opacity="0.5"/>` : '') + (litWindows ? `<path d="${litWindows}" fill="${hex(litColour)}"/>` : '');
    svg += `<g id="${id}"><g fill="${hex(wall)}">${bodies}</g>${windows}${outline ? neonLine(s, outline, p.accent, 1.2) : ''}</g>`;
  }
  return { svg, ids };
}
