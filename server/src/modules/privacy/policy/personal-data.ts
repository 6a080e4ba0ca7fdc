import type { PersonalData } from '../../../lib/personal-data.js';
import type { AcknowledgementSource } from '../../auth/personal-data.js';
import type { PolicyRepository } from './repository.js';

/** The policy versions the person acknowledged: exported inside account.json (see AccountPersonalData). */
export class PolicyPersonalData implements PersonalData, AcknowledgementSource {
  readonly tables = ['policy_acknowledgements'];

  constructor(private readonly repo: PolicyRepository) {}

  acknowledgementsOf(userId: string) {
    return this.repo.acknowledgementsOf(userId);
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteAcknowledgementsOf(userId);
  }
}
