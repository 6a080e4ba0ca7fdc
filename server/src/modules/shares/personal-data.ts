import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { ShareRepository } from './repository.js';

/** The person's share links: shares.json in the export (never the token: only its hash exists). */
export class SharePersonalData implements PersonalData {
  readonly tables = ['shares'];
  readonly exported = this.tables;

  constructor(private readonly repo: ShareRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const rows = await this.repo.listForUser(userId, Number.MAX_SAFE_INTEGER);
    yield {
      path: 'shares.json',
      json: rows.map((s) => ({
        id: s.id,
        target: { kind: s.target_kind, id: s.target_id },
        allowDownload: s.allow_download === 1,
        includePrompt: s.include_prompt === 1,
        hasPassword: s.password_hash !== null,
        viewCount: Number(s.view_count),
        createdAt: iso(s.created_at),
        expiresAt: iso(s.expires_at),
        revokedAt: iso(s.revoked_at),
      })),
    };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}
