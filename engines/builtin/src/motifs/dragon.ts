/** A dragon flying across the sky, seen from the side as a dark silhouette: bat wings, a long neck and tail. */
import { hex, hsl, mixHsl } from '../color.js';
import { neonLine, u, type Scene } from '../scene.js';
import { n } from '../svg.js';

export interface Dragon {
  svg: string;
  /** Where its body is, and which way it flies (+1 right, -1 left). */
  x: number;
  y: number;
  facing: 1 | -1;
  /** Wingspan, tip to tail (scene units). */
  span: number;
}

/**
 * A dragon in flight over the upper sky. Points are written in its own frame, in wingspans: `fx` forward, `fy` down
 * from the body's line.
 */
export function dragon(s: Scene): Dragon {
  const span = u(s, s.rng.range(260, 360));
  const facing: 1 | -1 = s.rng.chance(0.5) ? 1 : -1;
  const x = s.w * s.rng.range(0.3, 0.7);
  const y = s.horizon * s.rng.range(0.28, 0.5);
  const beat = s.rng.range(-0.08, 0.08); // how far the wings are raised
  const p = (fx: number, fy: number) => `${n(x + facing * fx * span)} ${n(y + fy * span)}`;
  /**
   * A bat wing from the shoulder: the leading edge up to the wrist and out to the tip, then the membrane scalloped
   * between the finger bones back to the hip. `lift` raises it (the far wing is higher and smaller).
   */
  const wing = (scale: number, lift: number) => {
    const at = (fx: number, fy: number): [number, number] => [0.08 + (fx - 0.08) * scale, (fy + lift) * scale * (1 + beat)];
    const edge: [number, number][] = [at(0.12, -0.32), at(-0.25, -0.5), at(-0.32, -0.28), at(-0.27, -0.1), at(-0.14, -0.01)];
    const [wrist] = edge;
    let d = `M${p(0.08, -0.02)}L${p(...wrist!)}L${p(...edge[1]!)}`;
    for (let k = 2; k < edge.length; k++) {
      // Each scallop bows in toward the wrist.
      const [ax, ay] = edge[k - 1]!;
      const [bx, by] = edge[k]!;
      const [mx, my] = [(ax + bx) / 2, (ay + by) / 2];
      d += `Q${p(mx + (wrist![0] - mx) * 0.3, my + (wrist![1] - my) * 0.3)} ${p(bx, by)}`;
    }
    return `${d}Z`;
  };
  const body = `M${p(-0.24, 0)}Q${p(-0.05, -0.09)} ${p(0.18, -0.02)}Q${p(0.02, 0.1)} ${p(-0.24, 0)}Z`;
  const head = `M${p(0.32, -0.16)}L${p(0.47, -0.1)}L${p(0.33, -0.07)}Z` + `M${p(0.33, -0.15)}L${p(0.27, -0.22)}L${p(0.35, -0.14)}Z`;
  const neck = `M${p(0.15, -0.02)}Q${p(0.28, -0.04)} ${p(0.35, -0.11)}`;
  const tail = `M${p(-0.22, 0)}Q${p(-0.42, 0.02)} ${p(-0.5, 0.1)}T${p(-0.66, 0.08)}`;
  const spade = `M${p(-0.64, 0.08)}L${p(-0.72, 0.04)}L${p(-0.71, 0.12)}Z`;
  const colour = s.style.neon ? hsl(s.palette.ink.h, s.palette.ink.s, 0.03) : mixHsl(s.palette.ink, hsl(0, 0, 0), 0.3);
  const far = s.style.neon ? colour : mixHsl(colour, s.palette.sky[1], 0.35);
  let svg = `<path d="${wing(0.8, -0.06)}" fill="${hex(far)}"/>`;
  svg += `<path d="${neck}${tail}" fill="none" stroke="${hex(colour)}" stroke-width="${n(span * 0.05)}" stroke-linecap="round"/>`;
  svg += `<path d="${body}${head}${spade}" fill="${hex(colour)}"/>`;
  svg += `<path d="${wing(1, 0)}" fill="${hex(colour)}"/>`;
  if (s.style.neon) svg += neonLine(s, wing(1, 0) + neck + tail, s.palette.accent, 1.2);
  return { svg, x, y, facing, span };
}
