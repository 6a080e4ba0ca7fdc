import type { ImageScores } from './image-classifier.js';

/**
 * The class an image falls under: of the classes with a threshold, those whose probability reaches it, the most
 * probable first; undefined when none does. A threshold of 0 flags every image, one above 1 none.
 */
export function flaggedClass(scores: ImageScores, thresholds: Record<string, number>): string | undefined {
  let flagged: string | undefined;
  for (const [cls, threshold] of Object.entries(thresholds)) {
    const p = scores[cls] ?? 0;
    if (p >= threshold && (flagged === undefined || p > (scores[flagged] ?? 0))) flagged = cls;
  }
  return flagged;
}
