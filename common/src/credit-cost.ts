/**
 * What an image costs under a plan. No imports: the studio uses the same rule to show the cost of a request
 * before it is sent.
 */

/** Credits per image by size class ('1K', '2K', '4K'); `default` for any class not named. */
export type CreditTable = { default: number } & Record<string, number>;

/** A plan's prices, as the plans file gives them or as GET /me/billing shows them. */
export interface CostRules {
  creditsPerImage: Record<string, number>;
  /** Per engine id, replacing creditsPerImage for that engine. */
  engineCreditsPerImage: Record<string, Record<string, number>>;
}

/** Size classes of the cost table, by pixel count: up to 1024², 2048², and beyond. */
export function sizeClass(width: number, height: number): '1K' | '2K' | '4K' {
  const px = width * height;
  return px <= 1024 * 1024 ? '1K' : px <= 2048 * 2048 ? '2K' : '4K';
}

export function creditsPerImage(plan: CostRules, engine: string, width: number, height: number): number {
  const cls = sizeClass(width, height);
  const byEngine = plan.engineCreditsPerImage[engine];
  return byEngine?.[cls] ?? byEngine?.default ?? plan.creditsPerImage[cls] ?? plan.creditsPerImage.default ?? 1;
}
