import type { ExportEntry, PersonalData } from '../../../lib/personal-data.js';
import type { ConsentRepository } from './repository.js';
import type { ConsentService } from './service.js';

/** The person's current choices and their full history, as ConsentService.view shows them. */
export type ConsentSource = Pick<ConsentService, 'view'>;

/** Consents: consents.json in the export. The view is needed for the export only (copies being erased have none). */
export class ConsentPersonalData implements PersonalData {
  readonly tables = ['consents'];
  readonly exported = this.tables;

  constructor(private readonly repo: ConsentRepository, private readonly consents?: ConsentSource) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    if (!this.consents) throw new Error('Consents can be exported only with the consent view.');
    yield { path: 'consents.json', json: await this.consents.view(userId) };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}
