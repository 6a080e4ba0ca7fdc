import type { OpenAiFamily } from '../engine-config.js';
import { EngineRequestError, type EngineRequestCheck } from '../engine.js';
import type { InputRules } from '../provider/references.js';

/** What one OpenAI image model accepts (spec: ../shared/spec/seedream-api.md, "OpenAI Images API"). */
export interface OpenAiRules {
  family: OpenAiFamily;
  sizes: string[];
  maxOutputs: number;
  /** Whether /images/edits takes this model, and how many input images. */
  edits: boolean;
  maxInputs: number;
  styles: string[];
  /** dall-e takes response_format; gpt-image always answers base64 and rejects the field. */
  sendsResponseFormat: boolean;
  streaming: boolean;
  input: InputRules;
}

export const OPENAI_RULES: Record<OpenAiFamily, OpenAiRules> = {
  'gpt-image': {
    family: 'gpt-image', sizes: ['1024x1024', '1536x1024', '1024x1536'], maxOutputs: 10, edits: true,
    // The model takes 16 input images; Atelier's API takes at most 10 references.
    maxInputs: 10, styles: [], sendsResponseFormat: false, streaming: true,
    input: { maxBytes: 50 * 1024 * 1024, minSideExclusive: 0, formats: ['image/png', 'image/jpeg', 'image/webp'] },
  },
  'dall-e-3': {
    family: 'dall-e-3', sizes: ['1024x1024', '1792x1024', '1024x1792'], maxOutputs: 1, edits: false, maxInputs: 0,
    styles: ['vivid', 'natural'], sendsResponseFormat: true, streaming: false,
    input: { maxBytes: 4 * 1024 * 1024, minSideExclusive: 0, formats: ['image/png'] },
  },
};

export function sizeBounds(r: OpenAiRules) {
  const dims = r.sizes.map((s) => s.split('x').map(Number) as [number, number]);
  return {
    minPixels: Math.min(...dims.map(([w, h]) => w * h)),
    maxPixels: Math.max(...dims.map(([w, h]) => w * h)),
    maxSide: Math.max(...dims.flat()),
  };
}

/** Only the model's listed sizes exist; an edit lets the model keep the source's shape. */
export function checkOpenAiRequest(rules: OpenAiRules, model: string, req: EngineRequestCheck): void {
  if (req.mode !== 'generate') return;
  const size = `${req.width}x${req.height}`;
  if (!rules.sizes.includes(size)) {
    throw new EngineRequestError('size', `${model} makes images of ${rules.sizes.join(', ')} only (1K is ${rules.sizes[0]}); ${size} is not one of them.`);
  }
}
