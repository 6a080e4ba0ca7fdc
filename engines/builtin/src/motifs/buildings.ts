/** Buildings: a lighthouse on a headland over the sea, a small house, a castle, a stone tower and a windmill. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { lamp, landFill, lightsOn, neonLine, reduced, u, washedShape, type Scene } from '../scene.js';
import { n, polyPath, smoothPath, type Point } from '../svg.js';



/** Pale stone walls (castles, towers), dimmed at night; neon draws them dark. */
const masonry = (s: Scene): Hsl => (s.style.neon ? s.palette.ink : mixHsl(hsl(35, 0.12, s.palette.night ? 0.3 : 0.66), s.palette.land, 0.25));

/** Blue-grey slate for pointed roofs. */
const slate = (s: Scene): Hsl => (s.style.neon ? s.palette.ink : mixHsl(hsl(220, 0.35, s.palette.night ? 0.2 : 0.34), s.palette.accent2, 0.3));

/** A window pane: lamp light when the lights are on, else the sky darkened by `shade`. */
const pane = (s: Scene, on: boolean, shade: number): string => hex(on ? lamp(s) : mixHsl(s.palette.sky[1], s.palette.ink, shade));

/** Path data of a round-topped opening (door, gate) `halfWidth` each side of cx, from the ground yb up to `springY`. */
const archPath = (cx: number, yb: number, halfWidth: number, springY: number): string =>
  `M${n(cx - halfWidth)} ${n(yb)}V${n(springY)}A${n(halfWidth)} ${n(halfWidth)} 0 0 1 ${n(cx + halfWidth)} ${n(springY)}V${n(yb)}Z`;

/** x of the straight line through a and b at height y. */
const xAt = (a: Point, b: Point, y: number): number => a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1] || 1);

export interface Headland {
  svg: string;
  /** Where a building stands on it: near the cliff's edge, on the top. */
  site: Point;
  /** +1 when the headland comes from the left edge (its cliff faces right), -1 from the right. */
  facing: 1 | -1;
}

/**
 * A rocky headland entering the picture from one side, its top above the horizon and its cliff dropping into
 * the water. Drawn over the sea, so it hides the water behind it.
 */
export function headland(s: Scene): Headland {
  const p = s.palette;
  const facing: 1 | -1 = s.rng.chance(0.5) ? 1 : -1;
  const H = s.horizon;
  const width = s.w * s.rng.range(0.3, 0.4);
  const top = H - u(s, s.rng.range(45, 90));
  const foot = H + (s.h - H) * s.rng.range(0.3, 0.45);
  const edge = width * 0.78;
  // Left-to-right outline of the landward side (x measured from the picture's edge), then mirrored if needed.
  const local: Point[] = [
    [-u(s, 20), top + u(s, 14)],
    [width * 0.2, top + u(s, s.rng.range(2, 10))],
    [width * 0.45, top + u(s, s.rng.range(-4, 4))],
    [edge, top],
    [edge + width * 0.05, top + (foot - top) * s.rng.range(0.25, 0.35)],
    [edge + width * 0.1, top + (foot - top) * s.rng.range(0.55, 0.7)],
    [width, foot],
    [width * 1.15, s.h + u(s, 10)],
    [-u(s, 20), s.h + u(s, 10)],
  ];
  const place = ([x, y]: Point): Point => [facing === 1 ? x : s.w - x, y];
  const outlinePts = local.map(place);
  const rock = mixHsl(p.ink, p.land, 0.45);
  const fill = s.style.neon ? hex(p.ink) : landFill(s, rock, top, s.h, 0);
  let svg = washedShape(s, [polyPath(outlinePts)], fill);
  // The cliff's face, in shadow.
  const face = [local[3], local[4], local[5], local[6], [width * 0.92, foot], [edge - width * 0.04, top + u(s, 8)]].map((q) => place(q as Point));
  svg += `<path d="${polyPath(face)}" fill="${hex(p.ink)}" fill-opacity="${s.style.neon ? 0.6 : 0.28}"/>`;
  // Grass along the top.
  if (!s.style.neon) {
    const grass = mixHsl(p.land, hsl(100, 0.35, 0.45), p.night ? 0.15 : 0.35);
    const ridge = local.slice(0, 4);
    const under = [...ridge].reverse().map(([x, y]): Point => [x, y + u(s, 9)]);
    svg += `<path d="${polyPath([...ridge, ...under].map(place))}" fill="${hex(grass)}" fill-opacity="0.85"/>`;
  } else {
    svg += neonLine(s, smoothPath(local.slice(0, 7).map(place)), p.accent, 1.8);
  }
  return { svg, site: place([width * 0.5, top + u(s, 2)]), facing };
}

/**
 * A lighthouse standing at `base` (the middle of its foot): a tapered, striped tower with a gallery, a lantern
 * room and a cap, `scale` times its usual height. With the lights on, the lantern glows and throws a beam over the
 * sea (toward `facing`).
 */
export function lighthouse(s: Scene, base: Point, facing: 1 | -1, scale = 1): string {
  const p = s.palette;
  const [cx, yb] = base;
  const height = u(s, s.rng.range(175, 220)) * scale;
  const yt = yb - height;
  const bottomHalf = height * 0.12;
  const topHalf = height * 0.08;
  const left: [Point, Point] = [[cx - bottomHalf, yb], [cx - topHalf, yt]];
  const right: [Point, Point] = [[cx + bottomHalf, yb], [cx + topHalf, yt]];
  const band = (y0: number, y1: number): Point[] => [[xAt(...left, y0), y0], [xAt(...right, y0), y0], [xAt(...right, y1), y1], [xAt(...left, y1), y1]];
  const white = s.style.neon ? p.ink : mixHsl(p.light, hsl(0, 0, 1), 0.4);
  const stripe = s.style.neon ? p.accent : mixHsl(hsl(4, 0.7, 0.45), p.accent, 0.25);
  const ink = hex(p.ink);
  const on = lightsOn(s);
  const light = lamp(s);

  let out = '';
  if (on) {
    // The beam first, so the tower stands in front of it.
    const lanternY = yt - height * 0.08;
    const reach = s.w * 0.55;
    const beam: Point[] = [[cx, lanternY - height * 0.02], [cx + facing * reach, lanternY - height * 0.22], [cx + facing * reach, lanternY + height * 0.16], [cx, lanternY + height * 0.02]];
    const fade = s.doc.linearAbs([[0, light, 0.45], [1, light, 0]], cx, 0, cx + facing * reach, 0);
    out += `<path d="${polyPath(beam)}" fill="${fade}"/>`;
    out += `<circle cx="${n(cx)}" cy="${n(lanternY)}" r="${n(height * 0.3)}" fill="${s.doc.radial([[0, light, 0.7], [1, light, 0]], cx, lanternY, height * 0.3)}"/>`;
  }
  out += `<path d="${polyPath([left[0], right[0], right[1], left[1]])}" fill="${hex(white)}"/>`;
  out += `<path d="${polyPath(band(yb - height * 0.2, yb - height * 0.4))}${polyPath(band(yb - height * 0.6, yb - height * 0.8))}" fill="${hex(stripe)}"/>`;
  // Shade on the side away from the light.
  out += `<path d="${polyPath([[cx, yb], right[0], right[1], [cx, yt]])}" fill="${ink}" fill-opacity="0.16"/>`;
  const gallery = height * 0.035;
  out += `<rect x="${n(cx - topHalf * 1.5)}" y="${n(yt - gallery)}" width="${n(topHalf * 3)}" height="${n(gallery)}" fill="${ink}"/>`;
  const lanternH = height * 0.1;
  const lanternTop = yt - gallery - lanternH;
  out += `<rect x="${n(cx - topHalf * 0.8)}" y="${n(lanternTop)}" width="${n(topHalf * 1.6)}" height="${n(lanternH)}" fill="${pane(s, on, 0.35)}"/>`;
  out += `<path d="M${n(cx - topHalf * 1.05)} ${n(lanternTop)}Q${n(cx)} ${n(lanternTop - height * 0.11)} ${n(cx + topHalf * 1.05)} ${n(lanternTop)}Z" fill="${ink}"/>`;
  if (!reduced(s)) {
    out += `<path d="${archPath(cx, yb, bottomHalf * 0.275, yb - height * 0.09)}" fill="${ink}" fill-opacity="0.8"/>`;
  }
  if (s.style.neon) out += neonLine(s, polyPath([left[0], left[1], right[1], right[0]], false), p.accent, 1.4);
  return out;
}

/**
 * A small house standing at `base` (the middle of its front wall's foot), `size` wide: walls, a pitched roof with
 * a chimney, a door and two windows, lit at night.
 */
export function house(s: Scene, base: Point, size: number): string {
  const p = s.palette;
  const [cx, yb] = base;
  const wallH = size * 0.58;
  const half = size / 2;
  const eaves = yb - wallH;
  const ridgeY = eaves - size * s.rng.range(0.34, 0.46);
  const overhang = size * 0.08;
  const on = lightsOn(s);
  const ink = hex(p.ink);
  // "A red barn", "a blue house": the walls take the prompt's colour, dimmed at night like the plain ones.
  const tint = s.tints.house;
  const plain = tint ? hsl(tint.h, tint.s, p.night ? tint.l * 0.55 : tint.l) : hsl(34, 0.3, p.night ? 0.32 : 0.74);
  const wall = s.style.neon ? p.ink : mixHsl(plain, p.land, 0.25);
  const roof = s.style.neon ? p.ink : mixHsl(hsl(8, 0.5, p.night ? 0.2 : 0.36), p.accent2, 0.2);

  let out = '';
  const chimneyX = cx + half * s.rng.range(0.3, 0.55);
  const roofAt = (x: number) => eaves + ((ridgeY - eaves) * (half + overhang - Math.abs(x - cx))) / (half + overhang);
  out += `<rect x="${n(chimneyX - size * 0.05)}" y="${n(roofAt(chimneyX) - size * 0.16)}" width="${n(size * 0.1)}" height="${n(size * 0.2)}" fill="${hex(roof)}"/>`;
  out += `<rect x="${n(cx - half)}" y="${n(eaves)}" width="${n(size)}" height="${n(wallH + u(s, 2))}" fill="${hex(wall)}"/>`;
  out += `<path d="${polyPath([[cx - half - overhang, eaves + size * 0.02], [cx, ridgeY], [cx + half + overhang, eaves + size * 0.02]])}" fill="${hex(roof)}"/>`;
  // Shade on the right half of the front.
  out += `<rect x="${n(cx)}" y="${n(eaves)}" width="${n(half)}" height="${n(wallH)}" fill="${ink}" fill-opacity="0.12"/>`;
  const glass = pane(s, on, 0.3);
  const win = size * 0.16;
  const winY = eaves + wallH * 0.28;
  const doorW = size * 0.17;
  const doorX = cx - half * 0.15 - doorW / 2;
  out += `<rect x="${n(doorX)}" y="${n(yb - wallH * 0.58)}" width="${n(doorW)}" height="${n(wallH * 0.58)}" fill="${ink}" fill-opacity="0.85"/>`;
  out += `<rect x="${n(cx - half * 0.72)}" y="${n(winY)}" width="${n(win)}" height="${n(win)}" fill="${glass}"/>`;
  out += `<rect x="${n(cx + half * 0.3)}" y="${n(winY)}" width="${n(win)}" height="${n(win)}" fill="${glass}"/>`;
  if (on && !reduced(s)) {
    // Light spilling from the windows.
    const light = lamp(s);
    for (const x of [cx - half * 0.72 + win / 2, cx + half * 0.3 + win / 2]) {
      out += `<circle cx="${n(x)}" cy="${n(winY + win / 2)}" r="${n(win * 1.6)}" fill="${s.doc.radial([[0, light, 0.35], [1, light, 0]], x, winY + win / 2, win * 1.6)}"/>`;
    }
  }
  if (s.style.neon) {
    out += neonLine(s, polyPath([[cx - half, yb], [cx - half, eaves], [cx, ridgeY], [cx + half, eaves], [cx + half, yb]], false), p.accent, 1.4);
  }
  return out;
}

/** Battlements along the top of a wall from x0 to x1 at height y: merlons `size` wide with gaps between. */
function battlements(x0: number, x1: number, y: number, size: number): string {
  const count = Math.max(2, Math.round((x1 - x0) / (size * 2)));
  const step = (x1 - x0) / count;
  let d = '';
  for (let i = 0; i < count; i++) {
    const x = x0 + i * step + (step - size) / 2;
    d += `M${n(x)} ${n(y)}h${n(size)}v${n(-size)}h${n(-size)}Z`;
  }
  return d;
}

/**
 * A castle standing at `base`, `size` wide: a curtain wall with a gate between two cone-roofed towers, a taller
 * keep behind with a flag, battlements, and windows lit at night.
 */
export function castle(s: Scene, base: Point, size: number): string {
  const p = s.palette;
  const [cx, yb] = base;
  const on = lightsOn(s);
  const stone = masonry(s);
  const roof = slate(s);
  const ink = hex(p.ink);
  const merlon = size * 0.035;
  const half = size / 2;
  const wallTop = yb - size * 0.3;
  const keepHalf = size * 0.16;
  const keepTop = yb - size * s.rng.range(0.58, 0.7);
  const towerHalf = size * 0.09;
  const towerTop = yb - size * 0.48;
  const glass = pane(s, on, 0.45);

  let out = '';
  // Keep, behind the wall, with its flag.
  const flagX = cx + keepHalf * 0.4;
  const flagTop = keepTop - merlon - size * 0.16;
  out += `<path d="M${n(flagX)} ${n(keepTop - merlon)}V${n(flagTop)}" stroke="${ink}" stroke-width="${n(size * 0.008)}"/>`;
  out += `<path d="M${n(flagX)} ${n(flagTop)}l${n(size * 0.09)} ${n(size * 0.025)}l${n(-size * 0.09)} ${n(size * 0.025)}Z" fill="${hex(s.style.neon ? p.accent : mixHsl(hsl(2, 0.7, 0.48), p.accent, 0.3))}"/>`;
  out += `<rect x="${n(cx - keepHalf)}" y="${n(keepTop)}" width="${n(keepHalf * 2)}" height="${n(yb - keepTop)}" fill="${hex(stone)}"/>`;
  out += `<path d="${battlements(cx - keepHalf, cx + keepHalf, keepTop, merlon)}" fill="${hex(stone)}"/>`;
  out += `<rect x="${n(cx - keepHalf * 0.2)}" y="${n(keepTop + size * 0.06)}" width="${n(keepHalf * 0.4)}" height="${n(size * 0.07)}" fill="${glass}"/>`;
  // Curtain wall with its gate.
  out += `<rect x="${n(cx - half)}" y="${n(wallTop)}" width="${n(size)}" height="${n(yb - wallTop + u(s, 2))}" fill="${hex(stone)}"/>`;
  out += `<path d="${battlements(cx - half, cx + half, wallTop, merlon)}" fill="${hex(stone)}"/>`;
  const gate = size * 0.07;
  out += `<path d="${archPath(cx, yb, gate, yb - size * 0.12)}" fill="${ink}" fill-opacity="0.85"/>`;
  // Towers at both ends, with conical roofs.
  for (const x of [cx - half + towerHalf * 0.6, cx + half - towerHalf * 0.6]) {
    out += `<rect x="${n(x - towerHalf)}" y="${n(towerTop)}" width="${n(towerHalf * 2)}" height="${n(yb - towerTop + u(s, 2))}" fill="${hex(stone)}"/>`;
    out += `<path d="${polyPath([[x - towerHalf * 1.25, towerTop], [x, towerTop - size * 0.2], [x + towerHalf * 1.25, towerTop]])}" fill="${hex(roof)}"/>`;
    out += `<rect x="${n(x - towerHalf * 0.22)}" y="${n(towerTop + size * 0.06)}" width="${n(towerHalf * 0.44)}" height="${n(size * 0.06)}" fill="${glass}"/>`;
  }
  // Shade on the right-hand faces.
  out += `<path d="${polyPath([[cx, keepTop], [cx + keepHalf, keepTop], [cx + keepHalf, wallTop], [cx, wallTop]])}" fill="${ink}" fill-opacity="0.14"/>`;
  if (s.style.neon) {
    const outlinePts: Point[] = [[cx - half, yb], [cx - half, towerTop], [cx - keepHalf, wallTop], [cx - keepHalf, keepTop], [cx + keepHalf, keepTop], [cx + keepHalf, wallTop], [cx + half, towerTop], [cx + half, yb]];
    out += neonLine(s, polyPath(outlinePts, false), p.accent, 1.4);
  }
  return out;
}

/**
 * A round stone tower standing at `base`, `height` tall to the top of its wall: slightly tapered, shaded on one side
 * like a cylinder, with slit windows up its face and either a conical roof or battlements on a corbelled ledge.
 */
export function tower(s: Scene, base: Point, height: number): string {
  const p = s.palette;
  const [cx, yb] = base;
  const yt = yb - height;
  const bottomHalf = height * 0.14;
  const topHalf = height * 0.12;
  const stone = masonry(s);
  const ink = hex(p.ink);
  const glass = pane(s, lightsOn(s), 0.45);
  const wall: Point[] = [[cx - bottomHalf, yb + u(s, 2)], [cx - topHalf, yt], [cx + topHalf, yt], [cx + bottomHalf, yb + u(s, 2)]];
  let out = `<path d="${polyPath(wall)}" fill="${hex(stone)}"/>`;
  // The far side of the cylinder, turned away from the light.
  out += `<path d="${polyPath([[cx + bottomHalf * 0.35, yb], [cx + topHalf * 0.35, yt], [cx + topHalf, yt], [cx + bottomHalf, yb]])}" fill="${ink}" fill-opacity="0.16"/>`;
  let top = yt;
  if (s.rng.chance(0.5)) {
    const roof = slate(s);
    out += `<path d="${polyPath([[cx - topHalf * 1.3, yt], [cx, yt - height * 0.38], [cx + topHalf * 1.3, yt]])}" fill="${hex(roof)}"/>`;
    top = yt - height * 0.38;
  } else {
    const ledge = height * 0.05;
    const merlon = height * 0.05;
    out += `<rect x="${n(cx - topHalf * 1.18)}" y="${n(yt - ledge)}" width="${n(topHalf * 2.36)}" height="${n(ledge)}" fill="${hex(stone)}"/>`;
    out += `<rect x="${n(cx - topHalf * 1.18)}" y="${n(yt - ledge * 0.35)}" width="${n(topHalf * 2.36)}" height="${n(ledge * 0.35)}" fill="${ink}" fill-opacity="0.2"/>`;
    out += `<path d="${battlements(cx - topHalf * 1.18, cx + topHalf * 1.18, yt - ledge, merlon)}" fill="${hex(stone)}"/>`;
    top = yt - ledge - merlon;
  }
  const slit = height * 0.03;
  for (const [dx, fy] of [[-0.25, 0.22], [0.2, 0.48], [-0.15, 0.72]] as const) {
    out += `<rect x="${n(cx + dx * bottomHalf - slit)}" y="${n(yb - height * fy - height * 0.05)}" width="${n(slit * 2)}" height="${n(height * 0.085)}" fill="${glass}"/>`;
  }
  if (!reduced(s)) out += `<path d="${archPath(cx, yb, bottomHalf * 0.3, yb - height * 0.08)}" fill="${ink}" fill-opacity="0.8"/>`;
  if (s.style.neon) out += neonLine(s, polyPath([wall[0], wall[1], [cx, top], wall[2], wall[3]], false), p.accent, 1.4);
  return out;
}

/** A windmill standing at `base`, `height` tall to its cap: a tapered tower, a cap and four lattice sails turned at random. */
export function windmill(s: Scene, base: Point, height: number): string {
  const p = s.palette;
  const [cx, yb] = base;
  const yt = yb - height;
  const bottomHalf = height * 0.2;
  const topHalf = height * 0.11;
  const body = s.style.neon ? p.ink : mixHsl(hsl(30, 0.25, p.night ? 0.3 : 0.7), p.land, 0.2);
  const wood = s.style.neon ? p.accent : mixHsl(hsl(25, 0.35, p.night ? 0.15 : 0.28), p.ink, 0.3);
  const ink = hex(p.ink);
  const hub: Point = [cx, yt - height * 0.04];
  const sail = height * 0.62;
  const turn = s.rng.range(0, Math.PI / 2);

  let out = `<path d="${polyPath([[cx - bottomHalf, yb + u(s, 2)], [cx - topHalf, yt], [cx + topHalf, yt], [cx + bottomHalf, yb + u(s, 2)]])}" fill="${hex(body)}"/>`;
  out += `<path d="${polyPath([[cx, yb], [cx + bottomHalf, yb], [cx + topHalf, yt], [cx, yt]])}" fill="${ink}" fill-opacity="0.14"/>`;
  out += `<path d="${polyPath([[cx - topHalf * 1.3, yt + height * 0.02], [cx, yt - height * 0.16], [cx + topHalf * 1.3, yt + height * 0.02]])}" fill="${hex(wood)}"/>`;
  out += `<rect x="${n(cx - bottomHalf * 0.25)}" y="${n(yb - height * 0.2)}" width="${n(bottomHalf * 0.5)}" height="${n(height * 0.2)}" fill="${ink}" fill-opacity="0.8"/>`;
  if (lightsOn(s)) out += `<rect x="${n(cx - topHalf * 0.3)}" y="${n(yt + height * 0.25)}" width="${n(topHalf * 0.6)}" height="${n(height * 0.09)}" fill="${hex(lamp(s))}"/>`;
  // Each sail: a spar from the hub and a lattice panel along its outer part, on one side of it.
  let spars = '';
  let panels = '';
  for (let k = 0; k < 4; k++) {
    const a = turn + (k * Math.PI) / 2;
    const [dx, dy] = [Math.cos(a), Math.sin(a)];
    const [nx, ny] = [-dy, dx];
    const at = (along: number, across: number): Point => [hub[0] + dx * along + nx * across, hub[1] + dy * along + ny * across];
    spars += `M${n(hub[0])} ${n(hub[1])}L${n(at(sail, 0)[0])} ${n(at(sail, 0)[1])}`;
    panels += polyPath([at(sail * 0.22, 0), at(sail, 0), at(sail, sail * 0.2), at(sail * 0.22, sail * 0.2)]);
  }
  out += `<path d="${panels}" fill="${hex(s.style.neon ? p.ink : p.light)}" fill-opacity="0.85" stroke="${hex(wood)}" stroke-width="${n(height * 0.012)}"/>`;
  out += `<path d="${spars}" stroke="${hex(wood)}" stroke-width="${n(height * 0.025)}" stroke-linecap="round"/>`;
  out += `<circle cx="${n(hub[0])}" cy="${n(hub[1])}" r="${n(height * 0.03)}" fill="${hex(wood)}"/>`;
  return out;
}
