import { iso, type ExportEntry, type PersonalData } from '../../../lib/personal-data.js';
import type { OutboxRepository } from './repository.js';

/** Messages are read in pages of this many, so any number of them is exported in bounded memory. */
export const EXPORT_PAGE_SIZE = 500;

/** Every message to or about the person: emails.json in the export (what was written to them, and what became of it). */
export class OutboxPersonalData implements PersonalData {
  readonly tables = ['outbox'];
  readonly exported = this.tables;

  constructor(private readonly repo: OutboxRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    yield { path: 'emails.json', jsonPages: () => this.recordPages(userId) };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }

  private async *recordPages(userId: string) {
    for await (const page of this.repo.pagesForUser(userId, EXPORT_PAGE_SIZE)) {
      yield page.map((m) => ({
        id: m.id, to: m.to_address, type: m.type, essential: m.essential === 1, subject: m.subject, text: m.text_body,
        status: m.status, createdAt: iso(m.created_at), sentAt: iso(m.sent_at),
      }));
    }
  }
}
