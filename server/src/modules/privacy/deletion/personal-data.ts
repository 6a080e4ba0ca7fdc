import type { PersonalData } from '../../../lib/personal-data.js';
import type { DeletionRepository } from './repository.js';

/**
 * The deletion request: erased after everything else, the users row included, so that a purge cut short by a
 * crash is still found (state 'purging') and run again. The tombstone outlives the person on purpose.
 */
export class DeletionRequestPersonalData implements PersonalData {
  readonly tables = ['deletion_requests'];

  constructor(private readonly repo: DeletionRepository) {}

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteRequest(userId);
  }
}
