import { type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { ApiTokenRepository } from './repository.js';
import { toTokenDto } from './service.js';

/** The person's API tokens: names, scopes and dates in the export (never a secret, which is not stored), erased with them. */
export class ApiTokenPersonalData implements PersonalData {
  readonly tables = ['api_tokens'];
  readonly exported = this.tables;

  constructor(private readonly repo: ApiTokenRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const tokens = (await this.repo.listForUser(userId)).reverse();
    yield { path: 'api-tokens.json', json: tokens.map(toTokenDto) };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteForUser(userId);
  }
}
