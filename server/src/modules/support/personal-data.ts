import type { ExportEntry, PersonalData } from '../../lib/personal-data.js';
import type { SupportRepository } from './repository.js';
import { toSupportDto } from './service.js';

/** What the person wrote to the operator: support.json in the export. */
export class SupportPersonalData implements PersonalData {
  readonly tables = ['support_messages'];
  readonly exported = this.tables;

  constructor(private readonly repo: SupportRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    yield { path: 'support.json', json: (await this.repo.listForUser(userId)).map(toSupportDto) };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}
