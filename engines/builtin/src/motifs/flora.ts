/** Plant motifs: forest rows, a lone branching tree, flower meadow, palm trees. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { depthColour, dot, kept, landFill, MIN_FEATURE_PX, neonLine, outline, pixels, reduced, strokeScale, strokeShare, subject, u, type Scene } from '../scene.js';
import { circlePath, ellipsePath, landPath, n, smoothPath, type Point } from '../svg.js';
import { hillRidge, ridgeY } from '../terrain.js';

export type TreeKind = 'conifer' | 'round';

/** A conifer silhouette with `tiers` notched tiers (4 at full detail; small trees in reduced scenes get fewer). */
function conifer(x: number, baseY: number, h: number, w: number, tiers = 4): string {
  let d = `M${n(x)} ${n(baseY - h)}`;
  const right: string[] = [];
  const left: string[] = [];
  for (let t = 1; t <= tiers; t++) {
    const y = baseY - h + (h * 0.88 * t) / tiers;
    const half = (w / 2) * (0.35 + (0.65 * t) / tiers);
    right.push(`L${n(x + half)} ${n(y)}L${n(x + half * 0.45)} ${n(y - h * 0.04)}`);
    left.unshift(`L${n(x - half * 0.45)} ${n(y - h * 0.04)}L${n(x - half)} ${n(y)}`);
  }
  // Drop the inner notch of the bottom tier, then the trunk.
  right[right.length - 1] = right[right.length - 1].replace(/L[^L]*$/, '');
  left[0] = left[0].replace(/^L[^L]*/, '');
  const trunk = w * 0.07;
  d += right.join('') + `L${n(x + trunk)} ${n(baseY - h * 0.12)}L${n(x + trunk)} ${n(baseY + 1)}L${n(x - trunk)} ${n(baseY + 1)}L${n(x - trunk)} ${n(baseY - h * 0.12)}` + left.join('') + 'Z';
  return d;
}

/**
 * A round tree; `widen` stretches the crown sideways (reduced scenes that draw one tree for several). Its crown is four
 * overlapping discs; in reduced scenes, where their lumps are under MIN_FEATURE_PX, one ellipse of their mean extent.
 */
function roundTree(s: Scene, x: number, baseY: number, h: number, widen = 1): { trunk: string; crown: string } {
  const r = h * 0.32;
  const trunk = `M${n(x - h * 0.03)} ${n(baseY + 1)}L${n(x - h * 0.02)} ${n(baseY - h * 0.55)}L${n(x + h * 0.02)} ${n(baseY - h * 0.55)}L${n(x + h * 0.03)} ${n(baseY + 1)}Z`;
  const discs = Array.from({ length: 4 }, () => ({ dx: s.rng.jitter(r * 0.5), cy: baseY - h + r + s.rng.jitter(r * 0.35), cr: r * s.rng.range(0.6, 0.95) }));
  // Reduced scenes collect the crowns as path data, one path per leaf colour.
  if (!reduced(s)) return { trunk, crown: discs.map(({ dx, cy, cr }) => `<circle cx="${n(x + dx)}" cy="${n(cy)}" r="${n(cr)}"/>`).join('') };
  if (pixels(s, r * 0.5) < MIN_FEATURE_PX) {
    const mean = (f: (d: (typeof discs)[number]) => number) => discs.reduce((sum, d) => sum + f(d), 0) / discs.length;
    const mx = mean((d) => d.dx);
    const my = mean((d) => d.cy);
    return { trunk, crown: ellipsePath(x + mx * widen, my, mean((d) => Math.abs(d.dx - mx) + d.cr) * widen, mean((d) => Math.abs(d.cy - my) + d.cr), 0) };
  }
  return { trunk, crown: discs.map(({ dx, cy, cr }) => (widen === 1 ? circlePath(x + dx, cy, cr) : ellipsePath(x + dx * widen, cy, cr * widen, cr, 0))).join('') };
}

/** Rows of trees, far to near, each standing on its own gently rolling ground line. */
export function forest(s: Scene, opts: { rows: number; from: number; to: number; kind: TreeKind; autumn: boolean }): { svg: string; ids: string[] } {
  let svg = '';
  const ids: string[] = [];
  for (let row = 0; row < opts.rows; row++) {
    const depth = opts.rows === 1 ? 0.8 : 0.3 + (0.7 * row) / (opts.rows - 1);
    const base = opts.from + (opts.to - opts.from) * (opts.rows === 1 ? 1 : row / (opts.rows - 1));
    const ridge = hillRidge(s.rng, { x0: -s.w * 0.05, x1: s.w * 1.05, base, height: u(s, 25) * (0.5 + depth), points: 30, waves: 1.5 * (s.w / s.m) });
    const colour = s.style.neon ? s.palette.ink : depthColour(s, depth);
    const treeH = u(s, 45 + 120 * depth * depth);
    const spacing = treeH * (opts.kind === 'conifer' ? 0.28 : 0.45);
    let trees = '';
    const crowns = ['', '', ''];
    // Where trees stand a pixel or less apart, reduced scenes draw one in `thin`, `thin` times as wide.
    const thin = reduced(s) ? Math.max(1, Math.floor(MIN_FEATURE_PX / pixels(s, spacing))) : 1;
    let index = 0;
    let x = -spacing * s.rng.next();
    while (x < s.w + spacing) {
      const shown = index++ % thin === 0;
      const h = treeH * s.rng.range(0.65, 1.15);
      const y = ridgeY(ridge, x) + u(s, 2);
      if (opts.kind === 'conifer') {
        // Every tier at least a couple of pixels tall.
        const tiers = reduced(s) ? Math.max(1, Math.min(4, Math.floor(pixels(s, h * 0.88) / MIN_FEATURE_PX))) : 4;
        const w = h * s.rng.range(0.32, 0.45);
        if (shown) trees += conifer(x, y, h, w * thin, tiers);
      } else {
        const t = roundTree(s, x, y, h, thin);
        const crown = s.rng.int(0, 2);
        if (shown) {
          trees += t.trunk;
          crowns[crown] += t.crown;
        }
      }
      x += spacing * s.rng.range(0.6, 1.3);
    }
    const id = s.doc.def('s', () => '');
    ids.push(id);
    const top = base - treeH * 1.2;
    const fill = landFill(s, colour, top, base + u(s, 20), s.style.mist * 0.6);
    let crownSvg = '';
    if (crowns.some(Boolean)) {
      const p = s.palette;
      const base: Hsl[] = opts.autumn
        ? [p.accent, p.accent2, mixHsl(p.accent, p.land, 0.4)]
        : [mixHsl(colour, hsl(110, 0.4, colour.l), 0.2), hsl(colour.h - 8, colour.s, Math.min(0.9, colour.l + 0.06)), hsl(colour.h + 10, colour.s * 0.9, colour.l * 0.9)];
      crowns.forEach((c, i) => {
        if (!c) return;
        const leaf = opts.autumn ? mixHsl(base[i], colour, 0.2 + depth * 0.3) : base[i];
        const fillC = s.style.neon ? hex(s.palette.ink) : hex(leaf);
        crownSvg += reduced(s) ? `<path d="${c}" fill="${fillC}"/>` : `<g fill="${fillC}">${c}</g>`;
      });
    }
    svg += `<g id="${id}"><path d="${landPath(outline(s, ridge), s.h, true)}" fill="${fill}"/><path d="${trees}" fill="${fill}"/>${crownSvg}</g>`;
    if (s.style.neon) svg += neonLine(s, smoothPath(outline(s, ridge)), s.palette.accent, 1.2);
  }
  return { svg, ids };
}

/** A single branching tree on a foreground hill. */
export function loneTree(s: Scene, opts: { groundTop: number; bare: boolean }): { svg: string; ridge: Point[]; x: number } {
  const ridge = hillRidge(s.rng, { x0: -s.w * 0.05, x1: s.w * 1.05, base: opts.groundTop + u(s, 60), height: u(s, 70), points: 30, waves: 0.8 * (s.w / s.m) });
  const colour = s.style.neon ? s.palette.ink : depthColour(s, 1);
  const hillFill = landFill(s, colour, opts.groundTop - u(s, 20), s.h, 0);
  const x = s.w * s.rng.pick([0.28, 0.35, 0.65, 0.72]) + u(s, s.rng.jitter(30));
  const y = ridgeY(ridge, x) + u(s, 3);
  const h = Math.min(u(s, s.rng.range(260, 380)), y * 0.8);
  let branches = '';
  // Reduced scenes draw the branches of one level (one width) as a single path.
  const levels: string[] = [];
  const widths: number[] = [];
  const tips: Point[] = [];
  const grow = (bx: number, by: number, angle: number, len: number, width: number, depth: number) => {
    const ex = bx + Math.cos(angle) * len;
    const ey = by + Math.sin(angle) * len;
    if (reduced(s)) {
      levels[depth] = `${levels[depth] ?? ''}M${n(bx)} ${n(by)}L${n(ex)} ${n(ey)}`;
      widths[depth] = width;
    } else branches += `<path d="M${n(bx)} ${n(by)}L${n(ex)} ${n(ey)}" stroke-width="${n(width)}"/>`;
    if (depth === 0) {
      tips.push([ex, ey]);
      return;
    }
    const spread = s.rng.range(0.35, 0.6);
    grow(ex, ey, angle - spread + s.rng.jitter(0.15), len * s.rng.range(0.68, 0.8), width * 0.68, depth - 1);
    grow(ex, ey, angle + spread + s.rng.jitter(0.15), len * s.rng.range(0.68, 0.8), width * 0.68, depth - 1);
  };
  grow(x, y, -Math.PI / 2 + s.rng.jitter(0.08), h * 0.34, u(s, 14), 6);
  for (let depth = levels.length - 1; depth >= 0; depth--) if (levels[depth]) branches += `<path d="${levels[depth]}" stroke-width="${n(widths[depth])}"/>`;
  const ink = s.style.neon ? s.palette.ink : mixHsl(colour, s.palette.ink, 0.5);
  let svg = `<path d="${landPath(outline(s, ridge), s.h, true)}" fill="${hillFill}"/>`;
  svg += `<g stroke="${hex(ink)}" stroke-linecap="round">${branches}</g>`;
  if (!opts.bare) {
    const leafA = s.palette.night ? mixHsl(ink, s.palette.land, 0.3) : mixHsl(s.palette.land, s.palette.accent2, 0.25);
    const leafB = hsl(leafA.h, leafA.s, Math.min(0.9, leafA.l + 0.1));
    let leaves = '';
    const merged = ['', ''];
    for (const [tx, ty] of tips) {
      if (!s.rng.chance(0.55)) continue;
      const r = u(s, s.rng.range(14, 30));
      const a = s.rng.chance(0.6);
      if (reduced(s)) merged[a ? 0 : 1] += circlePath(tx, ty, r);
      else leaves += `<circle cx="${n(tx)}" cy="${n(ty)}" r="${n(r)}" fill="${hex(a ? leafA : leafB)}" fill-opacity="0.9"/>`;
    }
    merged.forEach((d, i) => {
      if (d) leaves += `<path d="${d}" fill="${hex(i === 0 ? leafA : leafB)}" fill-opacity="0.9"/>`;
    });
    svg += leaves;
  }
  if (s.style.neon) svg += neonLine(s, smoothPath(outline(s, ridge)), s.palette.accent2, 1.6);
  return { svg, ridge, x };
}

/**
 * The petal colours of a scene's flowers and the colour of their centres. Flowers of a named colour ("red tulips",
 * "sunflowers") take shades of it: golden ones a dark brown centre, like sunflowers, white ones a yellow one. Otherwise
 * they take the palette's accents.
 */
export function flowerColours(s: Scene): { petals: Hsl[]; centre: Hsl } {
  const p = s.palette;
  const own = s.style.neon ? undefined : s.tints.flowers;
  if (!own) return { petals: [p.accent, p.accent2, p.light, mixHsl(p.accent, p.accent2, 0.5)], centre: mixHsl(p.accent2, hsl(45, 1, 0.5), 0.6) };
  const shade = (dh: number, dl: number) => hsl(own.h + dh, own.s, Math.min(0.97, Math.max(0.08, own.l + dl)));
  const golden = own.h >= 35 && own.h <= 60 && own.s >= 0.5 && own.l < 0.8;
  const centre = golden ? hsl(24, 0.65, 0.18) : own.l >= 0.85 ? hsl(46, 0.95, 0.55) : mixHsl(own, hsl(45, 1, 0.5), 0.5);
  return { petals: [own, shade(6, 0.07), shade(-6, -0.07), shade(0, 0.14)], centre };
}

/** Meadow in the foreground: grass strokes and flowers growing in size toward the viewer. */
export function flowers(s: Scene, opts: { top: number }): string {
  const p = s.palette;
  const ridge = hillRidge(s.rng, { x0: -s.w * 0.05, x1: s.w * 1.05, base: opts.top + u(s, 30), height: u(s, 40), points: 24, waves: 1 * (s.w / s.m) });
  const grassC = s.style.neon ? p.ink : depthColour(s, 0.92);
  let out = `<path d="${landPath(outline(s, ridge), s.h, true)}" fill="${landFill(s, grassC, opts.top, s.h, 0)}"/>`;
  const depth = s.h - opts.top;
  let grass = '';
  const blades = Math.min(500, Math.round((s.w / 1000) * 260));
  for (let i = 0; i < blades; i++) {
    const x = s.rng.range(0, s.w);
    const y0 = ridgeY(ridge, x);
    const y = y0 + (s.h - y0) * Math.pow(s.rng.next(), 0.8);
    const t = (y - opts.top) / depth;
    const len = u(s, 10 + 40 * t);
    const bend = len * s.rng.jitter(0.35);
    if (kept(i, strokeShare(s))) grass += `M${n(x)} ${n(y)}q${n(len * 0.1)} ${n(-len * 0.5)} ${n(bend)} ${n(-len)}`;
  }
  const bladeC = hsl(grassC.h, grassC.s, Math.min(0.9, grassC.l + 0.1));
  out += `<path d="${grass}" stroke="${hex(bladeC)}" stroke-width="${n(u(s, 1.6) * strokeScale(s))}" fill="none" stroke-opacity="0.7"/>`;
  const { petals: colours, centre } = flowerColours(s);
  const count = Math.min(220, Math.round((s.w / 1000) * 110));
  const items: Array<{ x: number; y: number; t: number; c: Hsl }> = [];
  for (let i = 0; i < count; i++) {
    const x = s.rng.range(0, s.w);
    const y0 = ridgeY(ridge, x);
    const y = y0 + u(s, 6) + (s.h - y0) * Math.pow(s.rng.next(), 1.1);
    items.push({ x, y, t: (y - opts.top) / depth, c: s.rng.pick(colours) });
  }
  items.sort((a, b) => a.y - b.y);
  let stems = '';
  let heads = '';
  // Reduced scenes: one path of heads per colour, plus one of centres; heads too small for visible petals are discs.
  const merged = new Map<Hsl, string>();
  let centres = '';
  const centreC = hex(centre);
  for (const [i, f] of items.entries()) {
    const r = u(s, 2.5 + 11 * f.t * f.t);
    const stem = r * 3.2;
    const stemD = `M${n(f.x)} ${n(f.y)}l${n(r * 0.3)} ${n(-stem)}`;
    const hx = f.x + r * 0.3;
    const hy = f.y - stem;
    if (reduced(s)) {
      let d = '';
      if (r < u(s, 5) || pixels(s, r * 2.6) < MIN_FEATURE_PX * 2) {
        // A 5-petal head covers about a disc 1.2 times its radius; tiny discs are thinned out as dots.
        const disc = dot(s, i, r < u(s, 5) ? r : r * 1.2);
        if (disc === undefined) continue;
        d = circlePath(hx, hy, disc);
      } else {
        for (let k = 0; k < 5; k++) {
          const a = (k / 5) * Math.PI * 2;
          d += ellipsePath(hx + Math.cos(a) * r * 0.7, hy + Math.sin(a) * r * 0.55, r * 0.62, r * 0.45, (a * 180) / Math.PI);
        }
        if (pixels(s, r * 0.7) >= MIN_FEATURE_PX / 2) centres += circlePath(hx, hy, r * 0.35);
      }
      stems += stemD;
      merged.set(f.c, (merged.get(f.c) ?? '') + d);
      continue;
    }
    stems += stemD;
    if (r < u(s, 5)) {
      heads += `<circle cx="${n(hx)}" cy="${n(hy)}" r="${n(r)}" fill="${hex(f.c)}"/>`;
    } else {
      let petals = '';
      for (let k = 0; k < 5; k++) {
        const a = (k / 5) * Math.PI * 2;
        petals += `<ellipse cx="${n(hx + Math.cos(a) * r * 0.7)}" cy="${n(hy + Math.sin(a) * r * 0.55)}" rx="${n(r * 0.62)}" ry="${n(r * 0.45)}" transform="rotate(${n((a * 180) / Math.PI)} ${n(hx + Math.cos(a) * r * 0.7)} ${n(hy + Math.sin(a) * r * 0.55)})"/>`;
      }
      heads += `<g fill="${hex(f.c)}">${petals}</g><circle cx="${n(hx)}" cy="${n(hy)}" r="${n(r * 0.35)}" fill="${centreC}"/>`;
    }
  }
  for (const [c, d] of merged) heads += `<path d="${d}" fill="${hex(c)}"/>`;
  if (centres) heads += `<path d="${centres}" fill="${centreC}"/>`;
  // Over the low-poly facets, like the subjects: the facets would average the flowers away.
  const stemC = hex(hsl(grassC.h, grassC.s, grassC.l * 0.8));
  out += subject(s, () => `<path d="${stems}" stroke="${stemC}" stroke-width="${n(u(s, 1.5))}" fill="none"/>${heads}`);
  if (s.style.neon) out += neonLine(s, smoothPath(outline(s, ridge)), p.accent, 1.5);
  return out;
}

/** One to three palm trees leaning in from the sides. */
export function palms(s: Scene, opts: { ground: Point[] }): string {
  const count = s.rng.int(1, 3);
  const silhouette = s.palette.night || s.style.neon || s.palette.sky[2].l <= 0.6;
  const colour = silhouette ? s.palette.ink : mixHsl(s.palette.ink, s.palette.land, 0.4);
  let out = '';
  let merged = '';
  for (let i = 0; i < count; i++) {
    const side = i % 2 === 0 ? 1 : -1;
    const x = side > 0 ? s.w * s.rng.range(0.04, 0.22) : s.w * s.rng.range(0.78, 0.96);
    const y = ridgeY(opts.ground, x) + u(s, 4);
    const h = Math.min(u(s, s.rng.range(300, 460)), y * 0.85);
    const lean = side * h * s.rng.range(0.15, 0.35);
    const top: Point = [x + lean, y - h];
    const ctrl: Point = [x + lean * 0.1, y - h * 0.5];
    const w0 = u(s, 9);
    const w1 = u(s, 4.5);
    const trunk = `M${n(x - w0)} ${n(y)}Q${n(ctrl[0] - w0)} ${n(ctrl[1])} ${n(top[0] - w1)} ${n(top[1])}L${n(top[0] + w1)} ${n(top[1])}Q${n(ctrl[0] + w0)} ${n(ctrl[1])} ${n(x + w0)} ${n(y)}Z`;
    if (reduced(s)) merged += trunk;
    else out += `<path d="${trunk}" fill="${hex(colour)}"/>`;
    const fronds = s.rng.int(6, 9);
    for (let k = 0; k < fronds; k++) {
      const a = -Math.PI + (Math.PI * (k + 0.5)) / fronds + s.rng.jitter(0.15);
      const len = h * s.rng.range(0.3, 0.42);
      const ex = top[0] + Math.cos(a) * len;
      const ey = top[1] + Math.sin(a) * len * 0.5 + len * 0.45;
      const mx = top[0] + Math.cos(a) * len * 0.55;
      const my = top[1] + Math.sin(a) * len * 0.6 - len * 0.08;
      const wd = len * 0.1;
      const frond = `M${n(top[0])} ${n(top[1])}Q${n(mx)} ${n(my - wd)} ${n(ex)} ${n(ey)}Q${n(mx)} ${n(my + wd)} ${n(top[0])} ${n(top[1])}Z`;
      if (!reduced(s)) out += `<path d="${frond}" fill="${hex(colour)}"/>`;
      // Shapes merged into one path must all turn the same way (clockwise on screen), or their overlaps cancel out.
      else if ((ex - top[0]) * wd >= 0) merged += frond;
      else merged += `M${n(top[0])} ${n(top[1])}Q${n(mx)} ${n(my + wd)} ${n(ex)} ${n(ey)}Q${n(mx)} ${n(my - wd)} ${n(top[0])} ${n(top[1])}Z`;
    }
  }
  // Reduced scenes draw every trunk and frond (all one colour) as a single path.
  if (merged) out += `<path d="${merged}" fill="${hex(colour)}"/>`;
  return out;
}
