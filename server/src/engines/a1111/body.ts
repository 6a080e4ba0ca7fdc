import type { EngineJob } from '../engine.js';
import { seedFor, type LocalAttempt } from '../local/engine.js';

/** The A1111 web UI's batch is at most 8 images; a larger set runs as several iterations of one batch. */
const MAX_BATCH = 8;

/** Batch size × iterations for `wanted` images: the largest batch up to 8 that divides the set, so none is wasted. */
export function batchesFor(wanted: number): { batch_size: number; n_iter: number } {
  let batch = Math.min(wanted, MAX_BATCH);
  while (wanted % batch !== 0) batch--;
  return { batch_size: batch, n_iter: wanted / batch };
}

/** What txt2img and img2img share: prompt, sampling, size, seed and the checkpoint. */
function commonBody(a: LocalAttempt, prompt: string): Record<string, unknown> {
  const s = a.job.sampling ?? {};
  return {
    prompt,
    ...(s.negativePrompt ? { negative_prompt: s.negativePrompt } : {}),
    seed: seedFor(a.job, a.firstIndex),
    ...(s.sampler ? { sampler_name: s.sampler } : {}),
    ...(s.steps ? { steps: s.steps } : {}),
    ...(s.guidance !== undefined ? { cfg_scale: s.guidance } : {}),
    width: a.job.width,
    height: a.job.height,
    ...batchesFor(a.wanted),
    ...(a.model ? { override_settings: { sd_model_checkpoint: a.model } } : {}),
    send_images: true,
    save_images: false,
  };
}

export function txt2imgBody(a: LocalAttempt): Record<string, unknown> {
  return commonBody(a, a.job.prompt);
}

/** Image to image from the instruction; with a mask, only the white area is repainted (from the original's pixels). */
export function img2imgBody(a: LocalAttempt, source: string, mask: string | undefined): Record<string, unknown> {
  return {
    ...commonBody(a, a.job.instruction ?? a.job.prompt),
    init_images: [source],
    denoising_strength: mask ? 0.75 : 0.6,
    resize_mode: 0,
    ...(mask ? { mask, mask_blur: 4, inpainting_fill: 1, inpaint_full_res: false, inpainting_mask_invert: 0 } : {}),
  };
}

/** A set made from a reference image: img2img from it, cropped to the size asked for, the prompt repainting most of it. */
export function referenceBody(a: LocalAttempt, reference: string): Record<string, unknown> {
  return { ...commonBody(a, a.job.prompt), init_images: [reference], denoising_strength: 0.75, resize_mode: 1 };
}

export function upscaleBody(job: EngineJob, source: string, upscaler: string): Record<string, unknown> {
  return { image: source, resize_mode: 0, upscaling_resize: job.scale ?? 2, upscaler_1: upscaler };
}
