/** City skyline motif: two rows of buildings with roof variety and lit or dark windows. */
import { hex, hsl, hslToRgb, mixHsl, mixRgb, rgbHex, type Hsl } from '../color.js';
import { depthColour, growth, neonLine, reduced, u, type Scene } from '../scene.js';
import { n, rectPath } from '../svg.js';

/** Lit windows are drawn in LIT_LEVELS opacity steps: every window is fully lit or dark, blocks (below) may be partly lit. */
const LIT_LEVELS = 4;

/**
 * Windows of one building as rectangle subpaths by light level: `levels[0]` dark, `levels[LIT_LEVELS]` fully lit. Reduced
 * scenes draw a window k times as large each way for each block of k x k windows, at the level of the block's lit share.
 */
function windowGrid(s: Scene, x: number, top: number, bw: number, bh: number, cell: number, litShare: number, budget: { left: number }): string[] {
  const levels: string[] = new Array<string>(LIT_LEVELS + 1).fill('');
  const inset = cell * 0.6;
  const cols = Math.floor((bw - inset * 2) / cell);
  const rows = Math.floor((bh - inset * 1.5) / (cell * 1.3));
  const ww = cell * 0.44;
  const wh = cell * 0.62;
  const k = Math.max(1, Math.round(growth(s, ww)));
  const blocks = new Map<number, { r: number; c: number; on: number; all: number }>();
  // Some floors are dark, some bright: lights cluster by floor, like real buildings at night.
  for (let r = 0; r < rows && budget.left > 0; r++) {
    const floorShare = litShare * s.rng.range(0.3, 1.7);
    for (let c = 0; c < cols && budget.left > 0; c++) {
      const on = s.rng.chance(floorShare);
      budget.left--;
      if (k > 1) {
        const key = Math.floor(r / k) * cols + Math.floor(c / k);
        const block = blocks.get(key) ?? { r, c, on: 0, all: 0 };
        block.on += on ? 1 : 0;
        block.all++;
        blocks.set(key, block);
        continue;
      }
      const wx = x + inset + c * cell + cell * 0.28;
      const wy = top + inset + r * cell * 1.3;
      levels[on ? LIT_LEVELS : 0] += `M${n(wx)} ${n(wy)}h${n(ww)}v${n(wh)}h${n(-ww)}z`;
    }
  }
  for (const { r, c, on, all } of blocks.values()) {
    const rect = rectPath(x + inset + c * cell + cell * 0.28, top + inset + r * cell * 1.3, ww * Math.min(k, cols - c), wh * Math.min(k, rows - r));
    levels[Math.round((on / all) * LIT_LEVELS)] += rect;
  }
  return levels;
}

/**
 * The windows by light level: dark ones half opaque over the wall, lit ones opaque; a partly lit block as the opaque
 * colour of its share of light over a dark window (each block drawn once).
 */
function windowsSvg(levels: string[], wall: Hsl, dark: Hsl, lit: Hsl): string {
  const darkOverWall = mixRgb(hslToRgb(wall), hslToRgb(dark), 0.5);
  return levels
    .map((d, level) => {
      if (!d) return '';
      if (level === 0) return `<path d="${d}" fill="${hex(dark)}" fill-opacity="0.5"/>`;
      const fill = level === LIT_LEVELS ? hex(lit) : rgbHex(mixRgb(darkOverWall, hslToRgb(lit), level / LIT_LEVELS));
      return `<path d="${d}" fill="${fill}"/>`;
    })
    .join('');
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
    const windows: string[] = new Array<string>(LIT_LEVELS + 1).fill('');
    let x = -u(s, s.rng.range(0, 40));
    let bodies = '';
    let outline = '';
    const base = opts.base + u(s, 3) * row;
    while (x < s.w) {
      const bw = u(s, s.rng.range(28, 70)) * (near ? 1.2 : 0.9);
      const tall = s.rng.chance(0.15);
      const bh = u(s, s.rng.range(50, 150)) * (near ? 1.1 : 1.35) * (tall ? 1.8 : 1);
      const top = base - bh;
      bodies += reduced(s) ? rectPath(x, top, bw + u(s, 0.6), bh + u(s, 40)) : `<rect x="${n(x)}" y="${n(top)}" width="${n(bw + u(s, 0.6))}" height="${n(bh + u(s, 40))}"/>`;
      const roof = s.rng.next();
      if (roof < 0.25) {
        const sw = bw * s.rng.range(0.4, 0.7);
        const sh = u(s, s.rng.range(10, 30));
        bodies += reduced(s) ? rectPath(x + (bw - sw) / 2, top - sh, sw, sh + 1) : `<rect x="${n(x + (bw - sw) / 2)}" y="${n(top - sh)}" width="${n(sw)}" height="${n(sh + 1)}"/>`;
      } else if (roof < 0.4) {
        const ah = u(s, s.rng.range(20, 55));
        bodies += reduced(s)
          ? rectPath(x + bw / 2 - u(s, 1.2), top - ah, u(s, 2.4), ah)
          : `<rect x="${n(x + bw / 2 - u(s, 1.2))}" y="${n(top - ah)}" width="${n(u(s, 2.4))}" height="${n(ah)}"/>`;
      } else if (roof < 0.5) {
        const ph = bw * s.rng.range(0.4, 0.9);
        const roofD = `M${n(x)} ${n(top + 0.5)}L${n(x + bw / 2)} ${n(top - ph)}L${n(x + bw)} ${n(top + 0.5)}Z`;
        bodies += reduced(s) ? roofD : `<path d="${roofD}"/>`;
      }
      if (bw > cell * 2.5 && bh > cell * 3) {
        windowGrid(s, x, top, bw, bh, cell, lights ? 0.45 : 0.3, budget).forEach((d, level) => (windows[level] += d));
      }
      if (s.style.neon && near) outline += `M${n(x)} ${n(base)}V${n(top)}H${n(x + bw)}V${n(base)}`;
      x += bw + (s.rng.chance(0.2) ? u(s, s.rng.range(2, 14)) : 0);
    }
    const id = s.doc.def('s', () => '');
    ids.push(id);
    // Reduced scenes collect the building shapes (all clockwise, one colour) as the data of a single path.
    const body = reduced(s) ? `<path d="${bodies}" fill="${hex(wall)}"/>` : `<g fill="${hex(wall)}">${bodies}</g>`;
    svg += `<g id="${id}">${body}${windowsSvg(windows, wall, darkWin, litColour)}${outline ? neonLine(s, outline, p.accent, 1.2) : ''}</g>`;
  }
  return { svg, ids };
}
