import type { EngineImage } from '../../engines/engine.js';
import { applyOperations } from './edit-ops.js';

/**
 * An upscaler enlarges by its own factor ("upscale to 4K" asked 3840 px, it made 4096): its image is brought to the
 * longer side asked for, the shape kept, with the same resize a classic edit uses.
 */
export async function fitUpscaled(image: EngineImage, longSide: number, signal?: AbortSignal): Promise<EngineImage> {
  if (Math.max(image.width, image.height) === longSide) return image;
  const fitted = await applyOperations(image.data, [{ op: 'resize', longSide }], { signal });
  return { index: image.index, data: fitted.data, mime: fitted.mime, width: fitted.width, height: fitted.height };
}
