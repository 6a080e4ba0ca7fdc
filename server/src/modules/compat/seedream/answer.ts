import type { GenerationDto, OutputDto } from '../../generations/dto.js';
import type { ImageField } from '../images.js';
import { outputErrorCode } from './errors.js';

type Asset = NonNullable<OutputDto['asset']>;

export const modelOf = (g: GenerationDto): string => g.model ?? g.engine;
export const createdOf = (g: GenerationDto): number => Math.floor(Date.parse(g.createdAt) / 1000);

/** `usage` as ModelArk counts it: the images made, and output tokens of round(Σ w·h / 256). */
export function usageOf(g: GenerationDto) {
  const images = g.outputs.flatMap((o) => (o.asset ? [o.asset] : []));
  const tokens = Math.round(images.reduce((sum, a) => sum + a.width * a.height, 0) / 256);
  return { generated_images: images.length, output_tokens: tokens, total_tokens: tokens };
}

/** Why an output has no image: its own error, else the generation's (a set stopped part-way). */
export function outputError(g: GenerationDto, o: OutputDto): { code: string; message: string } {
  const e = o.error ?? g.error ?? { code: 'InternalServiceError', message: 'The image was not made.' };
  return { code: outputErrorCode(e.code), message: e.message };
}

export async function imageItem(asset: Pick<Asset, 'id' | 'width' | 'height'>, field: ImageField) {
  return { ...(await field(asset)), size: `${asset.width}x${asset.height}` };
}

/** The non-streamed answer: one `data` item per output, in order, an image or its error. */
export async function jsonAnswer(g: GenerationDto, field: ImageField) {
  const data = [];
  for (const o of g.outputs) data.push(o.asset ? await imageItem(o.asset, field) : { error: outputError(g, o) });
  return { model: modelOf(g), created: createdOf(g), data, usage: usageOf(g) };
}
