import { invalid, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { decodeCursor, toPage, type Page } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import type { AssetRepository } from '../assets/repository.js';
import { requireAllFound } from '../assets/service.js';
import type { AlbumRepository, AlbumWithStats } from './repository.js';
import { ALBUM_DESCRIPTION_MAX, ALBUM_NAME_MAX, type AlbumDto } from './schemas.js';

export function toAlbumDto(a: AlbumWithStats): AlbumDto {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    assetCount: a.asset_count,
    coverAssetId: a.cover_asset_id,
    neverUseForTraining: a.never_train === 1,
    createdAt: new Date(a.created_at).toISOString(),
    updatedAt: new Date(a.updated_at).toISOString(),
  };
}

function cleanName(name: string): string {
  const n = name.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  const length = Array.from(n).length;
  if (length === 0) throw invalid('Give the album a name.', 'name');
  if (length > ALBUM_NAME_MAX) throw invalid(`Album names are at most ${ALBUM_NAME_MAX} characters.`, 'name');
  return n;
}

function cleanDescription(text: string): string {
  // Line breaks and tabs are kept in descriptions; other control characters are dropped.
  const d = text.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (Array.from(d).length > ALBUM_DESCRIPTION_MAX) throw invalid(`Album descriptions are at most ${ALBUM_DESCRIPTION_MAX} characters.`, 'description');
  return d;
}

/**
 * Albums group a user's assets. Every method takes the caller's user id; another user's album (or asset) answers
 * 404 like a missing one. Deleting an album never deletes its assets.
 */
export class AlbumService {
  constructor(
    private readonly albums: AlbumRepository,
    private readonly assets: AssetRepository,
    private readonly clock: Clock,
  ) {}

  private async requireAlbum(userId: string, id: string): Promise<AlbumWithStats> {
    const album = await this.albums.findOwned(userId, id);
    if (!album) throw notFound('Album');
    return album;
  }

  async list(userId: string, input: { limit?: number; cursor?: string } = {}): Promise<Page<AlbumDto>> {
    const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 200);
    const rows = await this.albums.list(userId, decodeCursor(input.cursor), limit + 1);
    return toPage(rows, limit, toAlbumDto);
  }

  async get(userId: string, id: string): Promise<AlbumDto> {
    return toAlbumDto(await this.requireAlbum(userId, id));
  }

  async create(userId: string, input: { name: string; description?: string }): Promise<AlbumDto> {
    const now = this.clock.now();
    const id = newId();
    await this.albums.insert({
      id,
      user_id: userId,
      name: cleanName(input.name),
      description: cleanDescription(input.description ?? ''),
      never_train: 0,
      created_at: now,
      updated_at: now,
    });
    return this.get(userId, id);
  }

  async update(userId: string, id: string, patch: { name?: string; description?: string; neverUseForTraining?: boolean }): Promise<AlbumDto> {
    const name = patch.name === undefined ? undefined : cleanName(patch.name);
    const description = patch.description === undefined ? undefined : cleanDescription(patch.description);
    await this.requireAlbum(userId, id);
    await this.albums.update(userId, id, {
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(patch.neverUseForTraining !== undefined ? { never_train: patch.neverUseForTraining ? 1 : 0 } : {}),
      updated_at: this.clock.now(),
    });
    return this.get(userId, id);
  }

  /** Deletes the album and its memberships; the assets stay in the gallery. */
  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.albums.delete(userId, id))) throw notFound('Album');
  }

  /**
   * Adds the caller's live assets to the caller's album, all or nothing: any id that is missing, trashed or
   * someone else's makes it 404 (details.missingIds) with nothing added. Assets already in the album are fine.
   */
  async addAssets(userId: string, albumId: string, assetIds: readonly string[]): Promise<{ added: number; album: AlbumDto }> {
    await this.requireAlbum(userId, albumId);
    const unique = [...new Set(assetIds)];
    requireAllFound(unique, await this.assets.findOwnedMany(userId, unique, { liveOnly: true }));
    const added = await this.albums.addAssets(albumId, unique, this.clock.now());
    return { added, album: await this.get(userId, albumId) };
  }

  /** Removes the caller's assets (live or trashed) from the caller's album; ids not in the album are fine. */
  async removeAssets(userId: string, albumId: string, assetIds: readonly string[]): Promise<{ removed: number; album: AlbumDto }> {
    await this.requireAlbum(userId, albumId);
    const unique = [...new Set(assetIds)];
    requireAllFound(unique, await this.assets.findOwnedMany(userId, unique));
    const removed = await this.albums.removeAssets(albumId, unique, this.clock.now());
    return { removed, album: await this.get(userId, albumId) };
  }
}
