import type { FastifyRequest } from 'fastify';
import type { EngineRegistry } from '../../engines/registry.js';
import type { AssetService } from '../assets/service.js';
import type { ImageLinks } from './image-links.js';

/**
 * The engine a compatibility request's `model` names: an engine id, or the model an engine is configured with;
 * undefined when it names neither.
 */
export function engineNamed(engines: EngineRegistry, model: string): string | undefined {
  const all = engines.list();
  return (all.find((e) => e.id === model) ?? all.find((e) => e.model === model))?.id;
}

/** The decrypted bytes of one of the person's images. */
export async function readImage(assets: AssetService, userId: string, assetId: string): Promise<Buffer> {
  const handle = await assets.content(userId, assetId);
  const chunks: Buffer[] = [];
  for await (const chunk of await handle.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What an image becomes in an answer: its base64, or its address on this server. */
export type ImageField = (asset: { id: string }) => Promise<{ b64_json: string } | { url: string }>;

export interface ImageFieldDeps {
  assets: AssetService;
  imageLinks: ImageLinks;
}

/** `url`: a signed link that opens the image without credentials for `linkTtlMs`, as a provider's URL does. */
export function imageField(request: FastifyRequest, d: ImageFieldDeps, userId: string, format: 'url' | 'b64_json', linkTtlMs: number): ImageField {
  return async (asset) => (format === 'url'
    ? { url: `${request.protocol}://${request.host}${d.imageLinks.path({ id: asset.id, user_id: userId }, linkTtlMs)}` }
    : { b64_json: (await readImage(d.assets, userId, asset.id)).toString('base64') });
}
