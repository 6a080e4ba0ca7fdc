import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { expiringGrant, KeyedMac, verifiedGrantExpiry } from '../../lib/keyed-mac.js';
import type { UserRepository } from '../auth/repository.js';
import type { AssetService, ContentHandle } from '../assets/service.js';

const INFO = 'atelier/compat-image-link/v1';

/** How long a link in an answer opens its image: as long as the provider it imitates documents. */
export const LINK_TTL_MS = { openai: 60 * 60 * 1000, seedream: 24 * 60 * 60 * 1000 } as const;

/**
 * The `url` of an image in a compatible endpoint's answer: `/v1/image-links/<asset id>?grant=<expiry ms>.<HMAC-SHA256
 * over asset id, owner id and expiry>` (keyed from the master key), so a client can fetch it without the token, as it
 * would fetch a provider's URL. It opens only that image, only while it is live in its owner's active account, and
 * only until it expires. The grant is in the query string, which the logs leave out.
 */
export class ImageLinks {
  private readonly mac: KeyedMac;

  constructor(masterKey: Buffer, private readonly d: { assets: AssetService; users: Pick<UserRepository, 'findById'>; clock: Clock }) {
    this.mac = new KeyedMac(masterKey, INFO);
  }

  /** The link's path for the owner's image, valid for `ttlMs` from now. */
  path(asset: { id: string; user_id: string }, ttlMs: number): string {
    const grant = expiringGrant(this.mac, [asset.id, asset.user_id], this.d.clock.now() + ttlMs);
    return `/v1/image-links/${encodeURIComponent(asset.id)}?grant=${grant}`;
  }

  /** The image a link opens; 404 for a link that is not ours (or its image gone), 410 once it expired. */
  async open(assetId: string, grant: string): Promise<ContentHandle> {
    const asset = await this.d.assets.findLive(assetId);
    const expires = asset && verifiedGrantExpiry(this.mac, [asset.id, asset.user_id], grant);
    if (!asset || expires === undefined) throw notFound('Image');
    if (expires <= this.d.clock.now()) throw new AppError('LINK_EXPIRED', 'This image link has expired. Ask for the image again.');
    if ((await this.d.users.findById(asset.user_id))?.status !== 'active') throw notFound('Image');
    return this.d.assets.content(asset.user_id, asset.id);
  }
}
