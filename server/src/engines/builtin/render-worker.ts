/** Worker-thread side of the render pool: rebuilds what cannot cross threads and draws one image. */
import os from 'node:os';
import type { ScenePlan } from './compose.js';
import { renderImage, type RenderedImage, type RenderInput } from './render.js';
import { styleSpec, type BuiltinStyle } from './styles.js';

/** A render input as it crosses to a worker: the style by id, no abort signal (checked by the pool instead). */
export interface RenderTask extends Omit<RenderInput, 'plan' | 'signal'> {
  plan: Omit<ScenePlan, 'style'> & { style: BuiltinStyle };
}

// Drawing is background work: on Linux the nice value is per thread, so this lowers only this thread, and the
// main thread (HTTP answers, storing finished images) wins whenever both want the same core.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted here (some containers): draw at normal priority.
}

export default function render(task: RenderTask): Promise<RenderedImage> {
  const wash = task.referenceWash;
  return renderImage({
    ...task,
    plan: { ...task.plan, style: styleSpec(task.plan.style) },
    // Structured clone turns Buffers into Uint8Arrays.
    referenceWash: wash ? Buffer.from(wash.buffer, wash.byteOffset, wash.byteLength) : undefined,
  });
}
