/** City skyline motif: two rows of buildings with roof variety and window patterns. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { depthColour, neonLine, u, type Scene } from '../scene.js';
import { n } from '../svg.js';

/** A window pattern tile with a random subset of lit windows. */
function windowPattern(s: Scene, cell: number, lit: Hsl, dark: Hsl, litShare: number): string {
  const cols = 4;
  const rows = 5;
  let rects = '';
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const on = s.rng.chance(litShare);
      rects += `<rect x="${n(c * cell + cell * 0.28)}" y="${n(r * cell * 1.3 + cell * 0.3)}" width="${n(cell * 0.44)}" height="${n(cell * 0.62)}" fill="${hex(on ? lit : dark)}"${on ? '' : ' opacity="0.5"'}/>`;
    }
  }
  const id = s.doc.def(
    'p',
    (pid) =>
      `<pattern id="${pid}" patternUnits="userSpaceOnUse" width="${n(cols * cell)}" height="${n(rows * cell * 1.3)}">${rects}</pattern>`,
  );
  return `url(#${id})`;
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
    const litColour = s.style.neon ? (row % 2 ? p.accent : p.accent2) : lights ? p.accent : mixHsl(wall, p.light, 0.35);
    const darkWin = hsl(wall.h, wall.s, wall.l * 0.7);
    const cell = u(s, near ? 9 : 6);
    const patterns = [0, 1, 2].map(() => windowPattern(s, cell, litColour, darkWin, lights ? 0.45 : 0.3));
    let x = -u(s, s.rng.range(0, 40));
    let bodies = '';
    let windows = '';
    let outline = '';
    const base = opts.base + u(s, 3) * row;
    while (x < s.w) {
      const bw = u(s, s.rng.range(28, 70)) * (near ? 1.2 : 0.9);
      const tall = s.rng.chance(0.15);
      const bh = u(s, s.rng.range(50, 150)) * (near ? 1.1 : 1.35) * (tall ? 1.8 : 1);
      const top = base - bh;
      bodies += `<rect x="${n(x)}" y="${n(top)}" width="${n(bw + u(s, 0.6))}" height="${n(bh + u(s, 40))}"/>`;
      let roofTop = top;
      const roof = s.rng.next();
      if (roof < 0.25) {
        const sw = bw * s.rng.range(0.4, 0.7);
        const sh = u(s, s.rng.range(10, 30));
        bodies += `<rect x="${n(x + (bw - sw) / 2)}" y="${n(top - sh)}" width="${n(sw)}" height="${n(sh + 1)}"/>`;
        roofTop = top - sh;
      } else if (roof < 0.4) {
        const ah = u(s, s.rng.range(20, 55));
        bodies += `<rect x="${n(x + bw / 2 - u(s, 1.2))}" y="${n(top - ah)}" width="${n(u(s, 2.4))}" height="${n(ah)}"/>`;
        roofTop = top - ah;
      } else if (roof < 0.5) {
        const ph = bw * s.rng.range(0.4, 0.9);
        bodies += `<path d="M${n(x)} ${n(top + 0.5)}L${n(x + bw / 2)} ${n(top - ph)}L${n(x + bw)} ${n(top + 0.5)}Z"/>`;
        roofTop = top - ph;
      }
      if (bw > cell * 2.5 && bh > cell * 3) {
        const inset = cell * 0.6;
        windows += `<rect x="${n(x + inset)}" y="${n(top + inset)}" width="${n(bw - inset * 2)}" height="${n(bh - inset * 1.5)}" fill="${s.rng.pick(patterns)}"/>`;
      }
      if (s.style.neon && near) outline += `M${n(x)} ${n(base)}V${n(top)}H${n(x + bw)}V${n(base)}`;
      void roofTop;
      x += bw + (s.rng.chance(0.2) ? u(s, s.rng.range(2, 14)) : 0);
    }
    const id = s.doc.def('s', () => '');
    ids.push(id);
    svg += `<g id="${id}"><g fill="${hex(wall)}">${bodies}</g>${windows}${outline ? neonLine(s, outline, p.accent, 1.2) : ''}</g>`;
  }
  return { svg, ids };
}
