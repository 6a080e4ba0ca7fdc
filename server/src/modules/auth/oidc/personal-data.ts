import { iso, type ExportEntry, type PersonalData } from '../../../lib/personal-data.js';
import type { LinkedIdentityRepository } from './repository.js';

/** The single sign-on accounts linked to the person's account (linked-identities.json). */
export class LinkedIdentityPersonalData implements PersonalData {
  readonly tables = ['linked_identities'];
  readonly exported = this.tables;

  constructor(private readonly identities: LinkedIdentityRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const list = await this.identities.listForUser(userId);
    yield {
      path: 'linked-identities.json',
      json: list.map((i) => ({ issuer: i.issuer, subject: i.subject, email: i.email, linkedAt: iso(i.created_at), lastUsedAt: iso(i.last_used_at) })),
    };
  }

  eraseFor(userId: string): Promise<void> {
    return this.identities.deleteForUser(userId);
  }
}
