import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { ProviderKeyRepository } from './repository.js';

/**
 * The person's own provider keys as they see them (masked, never the key) in provider-keys.json, and which
 * generations ran on them in provider-key-use.json; erased with the account.
 */
export class ProviderKeyPersonalData implements PersonalData {
  readonly tables = ['provider_keys', 'provider_key_spend'];
  readonly exported = this.tables;

  constructor(private readonly repo: ProviderKeyRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const rows = await this.repo.list(userId);
    if (rows.length === 0) return;
    const suffixes = new Map(rows.map((r) => [r.id, r.key_suffix]));
    const use = await this.repo.spendOf(userId);
    if (use.length > 0) {
      yield {
        path: 'provider-key-use.json',
        json: use.map((u) => ({ generationId: u.generation_id, keyEndsWith: suffixes.get(u.key_id) ?? null, month: u.month, images: u.images })),
      };
    }
    yield {
      path: 'provider-keys.json',
      json: rows.map((r) => ({
        provider: r.provider, keyEndsWith: r.key_suffix, baseUrl: r.base_url, monthlyImageCap: r.monthly_image_cap, addedAt: iso(r.created_at),
      })),
    };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteForUser(userId);
  }
}
