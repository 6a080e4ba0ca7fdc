/** Small figures: a sitting cat seen from behind, and a sailboat. */
import { hex, type Hsl } from '../color.js';
import { u, type Scene } from '../scene.js';
import { n } from '../svg.js';

/** A cat sitting with its back to the viewer, looking at the sky. `y` is where it sits. */
export function cat(s: Scene, x: number, y: number, colour: Hsl): string {
  const h = u(s, s.rng.range(120, 170));
  const w = h * 0.55;
  const headR = h * 0.2;
  const headY = y - h + headR;
  const body =
    `M${n(x - w * 0.5)} ${n(y)}` +
    `C${n(x - w * 0.62)} ${n(y - h * 0.35)} ${n(x - w * 0.3)} ${n(y - h * 0.68)} ${n(x)} ${n(y - h * 0.7)}` +
    `C${n(x + w * 0.3)} ${n(y - h * 0.68)} ${n(x + w * 0.62)} ${n(y - h * 0.35)} ${n(x + w * 0.5)} ${n(y)}Z`;
  const ears =
    `M${n(x - headR * 0.95)} ${n(headY - headR * 0.2)}L${n(x - headR * 0.75)} ${n(headY - headR * 1.45)}L${n(x - headR * 0.15)} ${n(headY - headR * 0.85)}Z` +
    `M${n(x + headR * 0.95)} ${n(headY - headR * 0.2)}L${n(x + headR * 0.75)} ${n(headY - headR * 1.45)}L${n(x + headR * 0.15)} ${n(headY - headR * 0.85)}Z`;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const tail = `M${n(x + dir * w * 0.35)} ${n(y - h * 0.04)}C${n(x + dir * w * 0.95)} ${n(y)} ${n(x + dir * w * 1.05)} ${n(y - h * 0.3)} ${n(x + dir * w * 0.85)} ${n(y - h * 0.42)}`;
  const c = hex(colour);
  return `<g fill="${c}"><path d="${body}"/><circle cx="${n(x)}" cy="${n(headY)}" r="${n(headR)}"/><path d="${ears}"/></g><path d="${tail}" fill="none" stroke="${c}" stroke-width="${n(h * 0.07)}" stroke-linecap="round"/>`;
}

/** A small sailboat on the water near the horizon. */
export function boat(s: Scene, horizon: number, hull: Hsl, sail: Hsl): string {
  const x = s.w * s.rng.range(0.15, 0.85);
  const y = horizon + (s.h - horizon) * s.rng.range(0.08, 0.3);
  const size = u(s, 30 + ((y - horizon) / (s.h - horizon)) * 90);
  const hullD = `M${n(x - size * 0.6)} ${n(y - size * 0.12)}L${n(x + size * 0.6)} ${n(y - size * 0.12)}L${n(x + size * 0.42)} ${n(y + size * 0.05)}L${n(x - size * 0.42)} ${n(y + size * 0.05)}Z`;
  const main = `M${n(x)} ${n(y - size * 1.3)}L${n(x)} ${n(y - size * 0.18)}L${n(x - size * 0.55)} ${n(y - size * 0.18)}Z`;
  const jib = `M${n(x + size * 0.05)} ${n(y - size * 1.15)}L${n(x + size * 0.05)} ${n(y - size * 0.18)}L${n(x + size * 0.45)} ${n(y - size * 0.18)}Z`;
  return `<path d="${hullD}" fill="${hex(hull)}"/><path d="${main}${jib}" fill="${hex(sail)}"/>`;
}
