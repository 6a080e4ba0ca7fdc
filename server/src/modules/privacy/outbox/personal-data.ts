import type { PersonalData } from '../../../lib/personal-data.js';
import type { OutboxRepository } from './repository.js';

/** Every message to or about the person. */
export class OutboxPersonalData implements PersonalData {
  readonly tables = ['outbox'];

  constructor(private readonly repo: OutboxRepository) {}

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}
