import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { ModerationRepository } from './repository.js';

/** How many of the person's prompts the moderation policy refused (never the prompts): moderation.json in the export. */
export class ModerationPersonalData implements PersonalData {
  readonly tables = ['moderation_refusals'];
  readonly exported = this.tables;

  constructor(private readonly repo: ModerationRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const row = await this.repo.find(userId);
    if (!row) return;
    yield {
      path: 'moderation.json',
      json: {
        refusedPrompts: Number(row.refusals), lastCategory: row.last_category,
        lastRefusedAt: iso(row.last_refused_at), suspendedAt: iso(row.suspended_at),
      },
    };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteForUser(userId);
  }
}
