import type { ImageScores } from './image-classifier.js';

/**
 * The class an image falls under: of the classes with a threshold, those whose probability reaches it, the most
 * probable first; undefined when none does. A threshold of 0 flags every image the model scored for that class, one
 * above 1 none; a class the model gave no score reaches no threshold.
 */
export function flaggedClass(scores: ImageScores, thresholds: Record<string, number>): string | undefined {
  let flagged: string | undefined;
  let highest = -1;
  for (const [cls, threshold] of Object.entries(thresholds)) {
    const p = scores[cls];
    if (p === undefined || p < threshold || p <= highest) continue;
    flagged = cls;
    highest = p;
  }
  return flagged;
}
