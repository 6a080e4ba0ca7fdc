import type { Asset, Share, ShareTargetKind } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { DAY_MS } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { AlbumService } from '../albums/service.js';
import { requireChecked, type AssetService } from '../assets/service.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { GenerationService } from '../generations/service.js';
import type { ShareRepository } from './repository.js';
import type { SharePreview, SharePreviews } from './share-previews.js';
import { hashShareToken, looksLikeShareToken, newShareToken, type ShareUnlocks } from './share-token.js';
import type { CreateShareBody, CreatedShareDto, ShareDto } from './schemas.js';

/** The most images one shared album shows (the newest). */
export const SHARED_ALBUM_LIMIT = 200;

/** Revoked or expired; 'active' says nothing yet of what the link still shows (see SharePreview). */
export function shareStatus(s: Share, now: number): 'active' | 'expired' | 'revoked' {
  if (s.revoked_at !== null) return 'revoked';
  if (s.expires_at !== null && s.expires_at <= now) return 'expired';
  return 'active';
}

function toShareDto(s: Share, now: number, preview: SharePreview): ShareDto {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const status = shareStatus(s, now);
  const unavailable = status === 'active' ? preview.unavailable : null;
  return {
    id: s.id,
    target: { kind: s.target_kind, id: s.target_id },
    status: unavailable === null ? status : 'unavailable',
    unavailableReason: unavailable,
    preview: { assetId: preview.coverId, text: preview.text, images: preview.live },
    allowDownload: s.allow_download === 1,
    includePrompt: s.include_prompt === 1,
    hasPassword: s.password_hash !== null,
    viewCount: Number(s.view_count),
    expiresAt: iso(s.expires_at),
    revokedAt: iso(s.revoked_at),
    createdAt: new Date(s.created_at).toISOString(),
  };
}

/** What a link shows right now: its live images (trashed or deleted ones are gone from it at once). */
export interface OpenShare {
  share: Share;
  images: Asset[];
  /** The album's name; null for an image or a set. */
  albumName: string | null;
}

/** Why a link shows nothing: unknown (404) or no longer (410: revoked, expired, everything in it gone, or its owner's account not active). */
export type ShareMiss = 'unknown' | 'gone';

export type ShareLookup = { ok: true; open: OpenShare } | { ok: false; miss: ShareMiss };

export interface ShareServiceDeps {
  repo: ShareRepository;
  previews: Pick<SharePreviews, 'of'>;
  assets: AssetService;
  albums: Pick<AlbumService, 'get'>;
  generations: Pick<GenerationService, 'requireOwned'>;
  unlocks: ShareUnlocks;
  clock: Clock;
  publicUrl: string;
}

/**
 * Share links. The owner's side (create, list, revoke) checks ownership like every module; the public side
 * resolves a token to what the link shows at this moment, so revoking, expiring or trashing takes effect at once.
 */
export class ShareService {
  constructor(private readonly d: ShareServiceDeps) {}

  // ---- the owner's side --------------------------------------------------------------------------------

  async create(userId: string, body: CreateShareBody): Promise<CreatedShareDto> {
    const target = await this.requireTarget(userId, body);
    const token = newShareToken();
    const now = this.d.clock.now();
    const share: Omit<Share, 'view_count'> = {
      id: newId(),
      user_id: userId,
      token_hash: hashShareToken(token),
      target_kind: target.kind,
      target_id: target.id,
      allow_download: body.allowDownload ? 1 : 0,
      include_prompt: body.includePrompt ? 1 : 0,
      password_hash: body.password === undefined ? null : await hashPassword(body.password),
      expires_at: body.expiresInDays === undefined ? null : now + body.expiresInDays * DAY_MS,
      revoked_at: null,
      created_at: now,
    };
    await this.d.repo.insert(share);
    const row = { ...share, view_count: 0 };
    const preview = (await this.d.previews.of(userId, [row])).get(row.id)!;
    return { ...toShareDto(row, now, preview), url: this.urlOf(token) };
  }

  async list(userId: string): Promise<ShareDto[]> {
    const now = this.d.clock.now();
    const shares = await this.d.repo.listForUser(userId);
    const previews = await this.d.previews.of(userId, shares);
    return shares.map((s) => toShareDto(s, now, previews.get(s.id)!));
  }

  /** Revokes the link (idempotent); from now on it answers 410. */
  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.d.repo.findOwned(userId, id))) throw notFound('Share');
    await this.d.repo.revoke(userId, id, this.d.clock.now());
  }

  urlOf(token: string): string {
    return `${this.d.publicUrl}/s/${token}`;
  }

  private async requireTarget(userId: string, body: CreateShareBody): Promise<{ kind: ShareTargetKind; id: string }> {
    const given = ([['asset', body.assetId], ['generation', body.generationId], ['album', body.albumId]] as const)
      .filter((t): t is readonly [ShareTargetKind, string] => t[1] !== undefined);
    if (given.length !== 1) throw invalid('Name exactly one thing to share: assetId, generationId or albumId.');
    const [kind, id] = given[0]!;
    if (kind === 'asset') {
      const asset = requireChecked(await this.d.assets.requireAsset(userId, id));
      if (asset.deleted_at !== null) throw new AppError('INVALID_STATE', 'This image is in the trash; restore it before sharing it.');
      // Masks are not looked at by the image check (ADR 0035): they guide an edit and are never shown to anyone.
      if (asset.kind === 'mask') throw new AppError('INVALID_STATE', 'An inpainting mask cannot be shared.');
    } else if (kind === 'generation') {
      await this.d.generations.requireOwned(userId, id);
    } else {
      await this.d.albums.get(userId, id);
    }
    return { kind, id };
  }

  // ---- the public side ---------------------------------------------------------------------------------

  /** What the link with this token shows now. */
  async open(token: string): Promise<ShareLookup> {
    if (!looksLikeShareToken(token)) return { ok: false, miss: 'unknown' };
    const found = await this.d.repo.findByTokenHash(hashShareToken(token));
    if (!found) return { ok: false, miss: 'unknown' };
    const { share, ownerStatus } = found;
    // Suspended, awaiting deletion or gone: the owner's links stop until the account is active again.
    if (ownerStatus !== 'active') return { ok: false, miss: 'gone' };
    if (shareStatus(share, this.d.clock.now()) !== 'active') return { ok: false, miss: 'gone' };
    const { images, albumName } = await this.contentOf(share);
    if (images.length === 0) return { ok: false, miss: 'gone' };
    return { ok: true, open: { share, images, albumName } };
  }

  /** One more view of the page: a counter, nothing about the viewer. */
  countView(share: Share): Promise<void> {
    return this.d.repo.countView(share.id);
  }

  checkPassword(share: Share, password: string): Promise<boolean> {
    return share.password_hash === null ? Promise.resolve(true) : verifyPassword(share.password_hash, password);
  }

  /** An unlock grant for the page's image addresses, made once the password was given. */
  unlockGrant(share: Share): string {
    return this.d.unlocks.grant(share.id, this.d.clock.now());
  }

  /** Whether a request may see the link's images: no password, or a valid grant. */
  isUnlocked(share: Share, grant: string | undefined): boolean {
    return share.password_hash === null || this.d.unlocks.verify(share.id, grant, this.d.clock.now());
  }

  private async contentOf(share: Share): Promise<{ images: Asset[]; albumName: string | null }> {
    const owner = share.user_id;
    switch (share.target_kind) {
      case 'asset': {
        const asset = await this.d.assets.findOwned(owner, share.target_id);
        return { images: asset && asset.deleted_at === null ? [asset] : [], albumName: null };
      }
      case 'generation':
        return { images: await this.d.assets.liveOfGeneration(owner, share.target_id), albumName: null };
      case 'album': {
        const album = await this.d.albums.get(owner, share.target_id).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
          throw err;
        });
        if (!album) return { images: [], albumName: null };
        return { images: await this.d.assets.liveOfAlbum(owner, album.id, SHARED_ALBUM_LIMIT), albumName: album.name };
      }
    }
  }
}
