/**
 * Low-poly look: the scene is rasterised tiny, sampled at each triangle of a jittered grid,
 * and redrawn as flat facets. Work is proportional to the triangle count, not the output size.
 */
import { hex, hsl, rgbToHsl } from './color.js';
import type { Rng } from './rng.js';
import type { Celestial } from './scene.js';
import type { Raster } from './render-small.js';
import { polyPath, type Point } from './svg.js';

function sampleAt(img: Raster, x: number, y: number, w: number, h: number): [number, number, number] {
  const px = Math.min(img.width - 1, Math.max(0, Math.floor((x / w) * img.width)));
  const py = Math.min(img.height - 1, Math.max(0, Math.floor((y / h) * img.height)));
  const i = (py * img.width + px) * img.channels;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}

/** SVG body of the faceted scene in user units w x h. */
export function lowPolyBody(img: Raster, rng: Rng, w: number, h: number, columns: number, celestial?: Celestial, sunColour?: string, horizon = h): string {
  const cols = w >= h ? columns : Math.max(2, Math.round((columns * w) / h));
  const rows = w >= h ? Math.max(2, Math.round((columns * h) / w)) : columns;
  const cw = w / cols;
  const ch = h / rows;
  const grid: Point[][] = [];
  for (let r = 0; r <= rows; r++) {
    const row: Point[] = [];
    for (let c = 0; c <= cols; c++) {
      const jx = c === 0 || c === cols ? 0 : rng.jitter(cw * 0.38);
      const jy = r === 0 || r === rows ? 0 : rng.jitter(ch * 0.38);
      row.push([c * cw + jx, r * ch + jy]);
    }
    grid.push(row);
  }
  let out = '';
  const tri = (a: Point, b: Point, c: Point) => {
    const cx = (a[0] + b[0] + c[0]) / 3;
    const cy = (a[1] + b[1] + c[1]) / 3;
    let rr = 0;
    let gg = 0;
    let bb = 0;
    for (const [px, py] of [[cx, cy], [(cx + a[0]) / 2, (cy + a[1]) / 2], [(cx + b[0]) / 2, (cy + b[1]) / 2], [(cx + c[0]) / 2, (cy + c[1]) / 2]] as Point[]) {
      const [sr, sg, sb] = sampleAt(img, px, py, w, h);
      rr += sr;
      gg += sg;
      bb += sb;
    }
    const base = rgbToHsl({ r: rr / 4, g: gg / 4, b: bb / 4 });
    // Facet lighting: faces tilted "toward" the upper left catch a little more light.
    const nx = (b[1] - a[1]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[1] - a[1]);
    const light = Math.sign(nx) * 0.025 + rng.jitter(0.025);
    const colour = hex(hsl(base.h, base.s, base.l + light));
    out += `<path d="${polyPath([a, b, c])}" fill="${colour}"/>`;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p00 = grid[r][c];
      const p10 = grid[r][c + 1];
      const p01 = grid[r + 1][c];
      const p11 = grid[r + 1][c + 1];
      if ((r + c) % 2 === 0) {
        tri(p00, p10, p11);
        tri(p00, p11, p01);
      } else {
        tri(p00, p10, p01);
        tri(p10, p11, p01);
      }
    }
  }
  // Facets share edges exactly; drawing them without anti-aliasing leaves no hairline seams between them.
  out = `<g shape-rendering="crispEdges">${out}</g>`;
  if (celestial && sunColour && celestial.y + celestial.r < horizon) {
    const sides = 9;
    const pts: Point[] = Array.from({ length: sides }, (_, i) => {
      const a = (i / sides) * Math.PI * 2 - Math.PI / 2;
      return [celestial.x + Math.cos(a) * celestial.r, celestial.y + Math.sin(a) * celestial.r];
    });
    out += `<path d="${polyPath(pts)}" fill="${sunColour}" fill-opacity="0.92"/>`;
  }
  return out;
}
