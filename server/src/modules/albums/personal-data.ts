import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { AlbumRepository } from './repository.js';

/** The person's albums and the images in each: albums.json in the export. */
export class AlbumPersonalData implements PersonalData {
  readonly tables = ['albums', 'album_assets'];
  readonly exported = this.tables;

  constructor(private readonly repo: AlbumRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const out = [];
    for (const album of await this.repo.listAllForUser(userId)) {
      const members = await this.repo.membersOf(album.id);
      out.push({
        id: album.id,
        name: album.name,
        description: album.description,
        neverUseForTraining: album.never_train === 1,
        createdAt: iso(album.created_at),
        updatedAt: iso(album.updated_at),
        assets: members.map((m) => ({ assetId: m.asset_id, addedAt: iso(m.added_at) })),
      });
    }
    yield { path: 'albums.json', json: out };
  }

  /** The albums each asset is in (the asset's own export record lists them). */
  albumIdsOf(assetIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repo.albumIdsOf(assetIds);
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}
