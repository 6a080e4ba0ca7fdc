/** A train running across the picture: a locomotive and its carriages on a line of track, windows lit in the dark. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { lamp, lightsOn, neonLine, setChoice, u, type Scene } from '../scene.js';
import { n } from '../svg.js';

const LIVERIES: readonly Hsl[] = [hsl(355, 0.6, 0.42), hsl(210, 0.55, 0.4), hsl(140, 0.35, 0.32), hsl(40, 0.7, 0.55), hsl(0, 0, 0.88)];

/**
 * A train on the track at height `rail` (a bridge's deck, or a line of track laid across the ground), heading left or
 * right: a locomotive with a rounded nose, then three to five carriages with a row of windows each.
 */
export function train(s: Scene, rail: number, withTrack: boolean): string {
  const p = s.palette;
  const height = u(s, s.rng.range(34, 44));
  const carLength = height * 3.2;
  const gap = height * 0.12;
  const cars = s.rng.int(3, 5);
  const heading = s.rng.chance(0.5) ? 1 : -1;
  const length = (cars + 1) * (carLength + gap);
  const trainLeft = s.w * s.rng.range(0.1, 0.9) - length / 2;
  const livery = s.style.neon ? p.ink : mixHsl(s.tints.train ?? setChoice(s, 'train', LIVERIES), p.ink, 0.1);
  const roof = s.style.neon ? p.ink : mixHsl(livery, p.ink, 0.4);
  const on = lightsOn(s);
  const window = hex(on ? lamp(s) : mixHsl(p.sky[1], p.ink, 0.45));
  const top = rail - height * 0.12 - height;
  let bodies = '';
  let roofs = '';
  let windows = '';
  for (let i = 0; i <= cars; i++) {
    // Car 0 is the locomotive, at the end the train heads for.
    const left = trainLeft + (heading > 0 ? cars - i : i) * (carLength + gap);
    if (i === 0) {
      // The locomotive: a rounded nose on the leading end.
      const nose = heading > 0 ? left + carLength : left;
      const back = heading > 0 ? left : left + carLength;
      bodies += `M${n(back)} ${n(top)}L${n(nose - heading * height * 0.9)} ${n(top)}Q${n(nose)} ${n(top)} ${n(nose)} ${n(top + height * 0.85)}L${n(nose)} ${n(top + height)}L${n(back)} ${n(top + height)}Z`;
      windows += `M${n(nose - heading * height * 1.1)} ${n(top + height * 0.18)}h${n(heading * height * 0.6)}v${n(height * 0.3)}h${n(-heading * height * 0.6)}Z`;
    } else {
      bodies += `M${n(left)} ${n(top)}h${n(carLength)}v${n(height)}h${n(-carLength)}Z`;
      for (let k = 0; k < 5; k++) {
        windows += `M${n(left + height * 0.3 + k * (carLength - height * 0.6) / 5)} ${n(top + height * 0.2)}h${n(height * 0.38)}v${n(height * 0.32)}h${n(-height * 0.38)}Z`;
      }
    }
    roofs += `M${n(left)} ${n(top)}h${n(carLength)}v${n(height * 0.12)}h${n(-carLength)}Z`;
  }
  let out = '';
  if (withTrack) {
    out += `<rect x="0" y="${n(rail - height * 0.1)}" width="${n(s.w)}" height="${n(height * 0.16)}" fill="${hex(mixHsl(p.ink, p.land, 0.3))}"/>`;
  }
  out += `<path d="${bodies}" fill="${hex(livery)}"/><path d="${roofs}" fill="${hex(roof)}"/><path d="${windows}" fill="${window}"/>`;
  // The bogies: a dark band under the cars, just above the rail.
  out += `<rect x="${n(trainLeft)}" y="${n(rail - height * 0.14)}" width="${n(length - gap)}" height="${n(height * 0.06)}" fill="${hex(p.ink)}" fill-opacity="0.6"/>`;
  if (s.style.neon) out += neonLine(s, bodies, p.accent, 1.2);
  return out;
}
