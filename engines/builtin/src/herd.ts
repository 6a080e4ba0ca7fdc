/** Several animals of a kind standing together on the ground: a herd. */
import type { Hsl } from './color.js';
import { u, type Scene } from './scene.js';
import type { Point } from './svg.js';
import { ridgeY } from './terrain.js';

/** An animal figure: how it is drawn, its size beside a person and how wide it stands. */
export interface Animal {
  /** Draws one standing (or sitting) on the ground at (x, y), `scale` times its size alone. */
  draw(s: Scene, x: number, y: number, colour: Hsl, scale?: number): string;
  besidePerson: number;
  /** About how wide one stands alone (scene units), for spacing a herd. */
  width: number;
  /** How far, at most, one reaches out either side of where it stands (head, tail), alone. */
  reach: number;
}

/**
 * `count` animals around x, spread evenly (overlapping a little when the room is tight) and kept on the canvas: every
 * other one stands farther back, smaller and a little higher up the ground, and is drawn first.
 */
export function herd(s: Scene, animal: Animal, ridge: Point[], x: number, colour: Hsl, scale: number, count: number, room: number): string {
  const spacing = Math.min(u(s, animal.width) * scale * 0.8, room / count);
  const span = spacing * (count - 1);
  // The outermost stand far enough inside the edges for their heads and tails (and their jitter).
  const edge = u(s, animal.reach) * scale + u(s, 12);
  const middle = Math.min(s.w - edge - span / 2, Math.max(edge + span / 2, x));
  const members = Array.from({ length: count }, (_, i) => ({ x: middle - span / 2 + i * spacing + u(s, s.rng.jitter(12)), far: i % 2 === 1 }));
  return [...members.filter((m) => m.far), ...members.filter((m) => !m.far)]
    .map((m) => animal.draw(s, m.x, ridgeY(ridge, m.x) + u(s, m.far ? -12 : 6), colour, scale * (m.far ? 0.82 : 1)))
    .join('');
}
