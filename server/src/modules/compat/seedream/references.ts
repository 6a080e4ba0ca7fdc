import type { FastifyRequest } from 'fastify';
import { invalid } from '../../../http/errors.js';
import type { RequestUploads } from '../request-uploads.js';

const DATA_URI = /^data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=\s]+)$/i;
/** An image's address on this server: its content, or the signed link an answer of ours gave. */
const ASSET_PATH = /^\/(?:api\/v1\/assets\/([^/]+)\/content|v1\/image-links\/([^/]+))$/;

/**
 * The asset ids of the request's `image` references. A data URI is stored as the person's upload (as a reference
 * picked in the studio would be); a URL must be one of this server's image addresses, whose owner the generation
 * checks. Atelier does not fetch other addresses: a server that fetches URLs it is handed can be made to reach
 * inside its own network.
 */
export async function referenceIds(request: FastifyRequest, uploads: RequestUploads, images: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, ref] of images.entries()) {
    const data = DATA_URI.exec(ref);
    if (data) {
      ids.push(await uploads.add(Buffer.from(data[1]!, 'base64'), `reference-${i + 1}`));
      continue;
    }
    const assetId = ownAssetId(request, ref);
    if (!assetId) {
      throw invalid(`Image ${i + 1}: send it as a data URI (data:image/png;base64,…) or as the URL of one of your Atelier images; ` +
        'this server does not download images from other addresses.', 'image');
    }
    ids.push(assetId);
  }
  return ids;
}

function ownAssetId(request: FastifyRequest, ref: string): string | undefined {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return undefined;
  }
  if (url.host !== request.host) return undefined;
  const match = ASSET_PATH.exec(url.pathname);
  return match ? decodeURIComponent(match[1] ?? match[2]!) : undefined;
}
