import type { FastifyRequest } from 'fastify';
import type { EngineRegistry } from '../../engines/registry.js';
import type { AssetService } from '../assets/service.js';

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

/** The image's address on this server; fetched with the same `Authorization: Bearer` token. */
export function imageUrl(request: FastifyRequest, assetId: string): string {
  return `${request.protocol}://${request.host}/api/v1/assets/${assetId}/content`;
}

/** What an image becomes in an answer: its base64, or its address on this server. */
export type ImageField = (asset: { id: string }) => Promise<{ b64_json: string } | { url: string }>;

export function imageField(request: FastifyRequest, assets: AssetService, userId: string, format: 'url' | 'b64_json'): ImageField {
  return async (asset) => (format === 'url'
    ? { url: imageUrl(request, asset.id) }
    : { b64_json: (await readImage(assets, userId, asset.id)).toString('base64') });
}
