import { describe, expect, it } from 'vitest';
import { buildingsOnRidge, layOutBuildings, ROW_MARGIN, TREE_CLEARANCE } from './building-row.js';
import { drawAlone as draw, motifScene as scene, paintedBox } from './motifs/test-fixtures.js';
import type { MotifId } from './prompt.js';
import type { Point } from './svg.js';

const KINDS: MotifId[] = ['castle', 'tower', 'windmill', 'village', 'house', 'xmastree', 'lighthouse'];
/** A ground line rising to the right, like a hillside (sizes grow toward the viewer). */
const SLOPE: Point[] = [[-1000, 640], [2000, 820]];

/** Every way of choosing two or more of the kinds. */
const combos = (): MotifId[][] =>
  Array.from({ length: 2 ** KINDS.length }, (_, mask) => KINDS.filter((_, i) => mask & (1 << i))).filter((c) => c.length >= 2);

describe('a row of buildings', () => {
  it('never overlaps two buildings, stays on the canvas and keeps clear of a lone tree (crowded rows are drawn smaller)', () => {
    for (const kinds of combos()) {
      for (let seed = 1; seed <= 12; seed++) {
        for (const treeX of [undefined, 300, 700]) {
          const s = scene('a castle, a windmill and a village', 'flat', seed);
          const row = layOutBuildings(s, kinds, SLOPE, treeX).map((p) => [p.x - p.width / 2, p.x + p.width / 2] as const).sort((a, b) => a[0] - b[0]);
          expect(row).toHaveLength(kinds.length);
          for (let i = 1; i < row.length; i++) expect(row[i]![0], `${kinds} seed ${seed}`).toBeGreaterThanOrEqual(row[i - 1]![1]);
          expect(row[0]![0]).toBeGreaterThanOrEqual(1000 * ROW_MARGIN - 1e-6);
          expect(row.at(-1)![1]).toBeLessThanOrEqual(1000 * (1 - ROW_MARGIN) + 1e-6);
          if (treeX !== undefined) {
            for (const [left, right] of row) expect(right <= treeX - 1000 * TREE_CLEARANCE + 1e-6 || left >= treeX + 1000 * TREE_CLEARANCE - 1e-6).toBe(true);
          }
        }
      }
    }
  });

  it('draws each building within the width the layout gives it', () => {
    for (const kind of KINDS) {
      for (let seed = 1; seed <= 6; seed++) {
        const placed = layOutBuildings(scene('a sunny day', 'flat', seed), [kind], SLOPE)[0]!;
        const s = scene('a sunny day', 'flat', seed);
        const box = paintedBox(draw(s, buildingsOnRidge(s, [kind], SLOPE)));
        expect(box.left, `${kind} seed ${seed}`).toBeGreaterThanOrEqual(placed.x - placed.width / 2 - 2);
        expect(box.right, `${kind} seed ${seed}`).toBeLessThanOrEqual(placed.x + placed.width / 2 + 2);
        // ...and the width is not padded much either: at least half of it is painted.
        expect(box.right - box.left, `${kind} seed ${seed}`).toBeGreaterThan(placed.width * 0.5);
      }
    }
  });
});
