import { iso, type ExportEntry, type PersonalData } from '../../../lib/personal-data.js';
import type { DeletionRepository } from './repository.js';

/**
 * The deletion request: erased after everything else, the users row included, so that a purge cut short by a
 * crash is still found (state 'purging') and run again. The tombstone outlives the person on purpose.
 */
export class DeletionRequestPersonalData implements PersonalData {
  readonly tables = ['deletion_requests'];
  readonly exported = this.tables;

  constructor(private readonly repo: DeletionRepository) {}

  /** deletion-request.json, only while the person's account is on its way out. */
  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const request = await this.repo.find(userId);
    if (!request) return;
    yield { path: 'deletion-request.json', json: { state: request.state, requestedAt: iso(request.requested_at), purgeAt: iso(request.purge_at) } };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteRequest(userId);
  }
}
