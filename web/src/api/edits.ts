import { api } from './client';
import type { Generation } from './types';

/** A structured operation the built-in engine understands (see the server's edit-ops). */
export type EditOperation =
  | { op: 'brightness' | 'contrast' | 'saturation' | 'temperature'; amount: number }
  | { op: 'grayscale' | 'sepia' | 'invert' }
  | { op: 'blur'; sigma: number }
  | { op: 'sharpen'; sigma?: number }
  | { op: 'vignette'; amount: number }
  | { op: 'rotate'; degrees: number }
  | { op: 'flip'; direction: 'horizontal' | 'vertical' }
  | { op: 'crop'; left: number; top: number; width: number; height: number };

export const editsApi = {
  create: (body: { assetId: string; instruction?: string; operations?: EditOperation[]; engine?: string }) =>
    api<Generation>('POST', '/edits', { body }),
};
