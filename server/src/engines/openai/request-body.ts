import type { OpenAiSettings } from '../engine-config.js';
import type { EngineJob } from '../engine.js';
import type { PreparedImage } from '../provider/references.js';
import type { OpenAiRules } from './rules.js';

export interface OpenAiCall {
  path: '/images/generations' | '/images/edits';
  body: string | FormData;
  headers: Record<string, string>;
  streamed: boolean;
}

const EXTENSION: Record<PreparedImage['mime'], string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * One request for `wanted` images: JSON to /images/generations without input images, otherwise multipart to
 * /images/edits with one repeated `image[]` part per input image.
 */
export function openAiCall(job: EngineJob, settings: OpenAiSettings, rules: OpenAiRules, inputs: PreparedImage[], wanted: number): OpenAiCall {
  const streamed = rules.streaming && settings.partialImages > 0;
  const fields: Record<string, string | number | boolean> = {
    model: settings.model,
    prompt: job.mode === 'edit' ? job.instruction ?? job.prompt : job.prompt,
    n: wanted,
    size: job.mode === 'edit' ? 'auto' : `${job.width}x${job.height}`,
  };
  if (rules.sendsResponseFormat) fields.response_format = 'b64_json';
  if (job.style && rules.styles.includes(job.style)) fields.style = job.style;
  if (streamed) {
    fields.stream = true;
    fields.partial_images = settings.partialImages;
  }
  if (inputs.length === 0) {
    return { path: '/images/generations', body: JSON.stringify(fields), headers: { 'content-type': 'application/json' }, streamed };
  }
  const form = new FormData();
  inputs.forEach((img, i) => form.append('image[]', new Blob([new Uint8Array(img.data)], { type: img.mime }), `image-${i + 1}.${EXTENSION[img.mime]}`));
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  return { path: '/images/edits', body: form, headers: {}, streamed };
}
