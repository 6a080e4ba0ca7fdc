import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { ProviderKeyRepository } from './repository.js';

/** The person's own provider keys as they see them (masked, never the key) in provider-keys.json; erased with the account. */
export class ProviderKeyPersonalData implements PersonalData {
  readonly tables = ['provider_keys', 'provider_key_spend'];

  constructor(private readonly repo: ProviderKeyRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const rows = await this.repo.list(userId);
    if (rows.length === 0) return;
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
