/**
 * The classic edit operations (edit-ops.ts validates and applies them to any image, from any engine or upload). Types
 * only, with no imports, so the studio can use them too.
 */
export type TextPosition = 'top' | 'bottom' | 'center';
export type FlipDirection = 'horizontal' | 'vertical';

export type EditOperation =
  | { op: 'brightness'; amount: number }
  | { op: 'contrast'; amount: number }
  | { op: 'saturation'; amount: number }
  | { op: 'temperature'; amount: number }
  | { op: 'grayscale' }
  | { op: 'sepia' }
  | { op: 'invert' }
  | { op: 'blur'; sigma: number }
  | { op: 'sharpen'; sigma?: number }
  | { op: 'rotate'; degrees: number }
  | { op: 'flip'; direction: FlipDirection }
  | { op: 'crop'; aspect: string }
  | { op: 'crop'; left: number; top: number; width: number; height: number }
  /** `longSide`: the longer side becomes this many pixels, the shape kept ("upscale to 4K"). */
  | { op: 'resize'; width?: number; height?: number; scale?: number; longSide?: number }
  /** Enlarges the centre by `factor` (the middle 1/factor of each side, back at the image's own size). */
  | { op: 'zoom'; factor: number }
  | { op: 'text'; text: string; position?: TextPosition; color?: string }
  /** `unit: 'percent'` makes `width` a percentage of the shorter side (the instruction parser uses it). */
  | { op: 'border'; width: number; color: string; unit?: 'px' | 'percent' }
  | { op: 'vignette'; amount: number };
