/**
 * The structured edit operations the built-in engine applies (edit-ops.ts validates and applies them). Types only, with
 * no imports, so the studio can use them too.
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
  | { op: 'resize'; width?: number; height?: number; scale?: number }
  | { op: 'text'; text: string; position?: TextPosition; color?: string }
  /** `unit: 'percent'` makes `width` a percentage of the shorter side (the instruction parser uses it). */
  | { op: 'border'; width: number; color: string; unit?: 'px' | 'percent' }
  | { op: 'vignette'; amount: number };
