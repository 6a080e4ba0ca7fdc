import type { SeedreamSettings } from '../engine-config.js';
import type { EngineJob } from '../engine.js';
import { toDataUri, type PreparedImage } from '../provider/references.js';
import { editSize, isPreset, type SeedreamRules } from './rules.js';

/** The JSON body of POST /api/v3/images/generations, exactly the documented fields. */
export interface SeedreamRequestBody {
  model: string;
  prompt: string;
  image?: string | string[];
  size: string;
  seed?: number;
  sequential_image_generation?: 'auto';
  sequential_image_generation_options?: { max_images: number };
  stream: true;
  response_format: 'b64_json';
  watermark: boolean;
}

/** Builds one request for `wanted` images (all of the set, or what an earlier attempt left owed). */
export function seedreamBody(job: EngineJob, settings: SeedreamSettings, rules: SeedreamRules, inputs: PreparedImage[], wanted: number): SeedreamRequestBody {
  const body: SeedreamRequestBody = {
    model: settings.model,
    prompt: job.mode === 'edit' ? job.instruction ?? job.prompt : job.prompt,
    size: outputSize(job, rules),
    stream: true,
    response_format: 'b64_json',
    watermark: job.watermark,
  };
  if (inputs.length === 1) body.image = toDataUri(inputs[0]!);
  else if (inputs.length > 1) body.image = inputs.map(toDataUri);
  if (rules.acceptsSeed) body.seed = job.seed;
  if (job.count > 1) {
    body.sequential_image_generation = 'auto';
    body.sequential_image_generation_options = { max_images: wanted };
  }
  return body;
}

/** A bare preset lets the model choose the shape from the prompt; otherwise the exact size (edits: the source's shape). */
function outputSize(job: EngineJob, rules: SeedreamRules): string {
  if (job.mode === 'edit' && job.source) return editSize(rules, job.source.width, job.source.height);
  if (isPreset(job.size) && !job.aspectRatio) return job.size!.trim().toUpperCase();
  return `${job.width}x${job.height}`;
}
