import type { Asset } from '../../db/schema.js';
import { iso, parseJson, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { hasPrompt, type AssetRepository } from './repository.js';

/** Assets are read in pages of this many, so a library of any size is exported in bounded memory. */
export const EXPORT_PAGE_SIZE = 500;

/** Every blob of a person lives under this prefix (see blobKeys in service.ts; export files too). */
export const userBlobPrefix = (userId: string) => `u/${userId}`;

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Path of an asset's file inside the zip: media/<asset id>.<extension>. */
export const mediaPath = (a: Pick<Asset, 'id' | 'mime'>) => `media/${a.id}.${EXTENSIONS[a.mime] ?? 'bin'}`;

export function assetRecord(a: Asset, tags: string[], albums: string[]) {
  const metadata = parseJson(a.metadata) as Record<string, unknown> | null;
  return {
    id: a.id,
    file: mediaPath(a),
    kind: a.kind,
    fileName: typeof metadata?.fileName === 'string' ? metadata.fileName : null,
    mime: a.mime,
    width: a.width,
    height: a.height,
    bytes: a.bytes,
    sha256: a.sha256,
    prompt: hasPrompt(a.kind) ? a.search_text : null,
    generationId: a.generation_id,
    outputIndex: a.output_index,
    parentId: a.parent_id,
    favorite: a.favorite === 1,
    neverUseForTraining: a.never_train === 1,
    tags,
    albums,
    metadata,
    createdAt: iso(a.created_at),
    deletedAt: iso(a.deleted_at),
  };
}

/** The albums an asset is in (modules/albums owns the memberships). */
export interface AlbumMembershipSource {
  albumIdsOf(assetIds: readonly string[]): Promise<Map<string, string[]>>;
}

/**
 * Every asset of the person, trashed ones included (they are still held): in the export each original, as
 * stored, with a .json of its details beside it. The rows only: the files go with UserBlobsPersonalData.
 */
export class AssetPersonalData implements PersonalData {
  readonly tables = ['assets', 'asset_tags', 'asset_counts'];
  readonly exported = ['assets', 'asset_tags'];

  constructor(private readonly repo: AssetRepository, private readonly albums: AlbumMembershipSource) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    for await (const page of this.repo.pagesForUser(userId, EXPORT_PAGE_SIZE)) {
      const ids = page.map((a) => a.id);
      const tagsOf = await this.repo.tagsFor(ids);
      const albumsOf = await this.albums.albumIdsOf(ids);
      for (const asset of page) {
        yield { path: mediaPath(asset), blobKey: asset.blob_key, mtime: new Date(asset.created_at) };
        yield { path: `media/${asset.id}.json`, json: assetRecord(asset, tagsOf.get(asset.id) ?? [], albumsOf.get(asset.id) ?? []) };
      }
    }
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}

/** Every stored file of the person: originals, outputs, thumbnails, export files. */
export class UserBlobsPersonalData implements PersonalData {
  readonly tables = [];

  constructor(private readonly blobs: Pick<BlobStore, 'deletePrefix'>) {}

  async eraseFor(userId: string): Promise<void> {
    await this.blobs.deletePrefix(userBlobPrefix(userId));
  }
}
