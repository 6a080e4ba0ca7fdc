/** Worker-thread side of the render pool: plans the set and draws one image of it. */
import os from 'node:os';
import { drawSetImage, type SetImageRequest } from './generate.js';
import type { RenderedImage } from './render.js';

// Drawing is background work: on Linux the nice value is per thread, so this lowers only this thread, and the
// main thread (HTTP answers, storing finished images) wins whenever both want the same core.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted here (some containers): draw at normal priority.
}

export default function render(request: SetImageRequest): Promise<RenderedImage> {
  const refs = request.set.refs;
  if (!refs) return drawSetImage(request);
  // Structured clone turns Buffers into Uint8Arrays.
  const wash = Buffer.from(refs.wash.buffer, refs.wash.byteOffset, refs.wash.byteLength);
  return drawSetImage({ ...request, set: { ...request.set, refs: { ...refs, wash } } });
}
