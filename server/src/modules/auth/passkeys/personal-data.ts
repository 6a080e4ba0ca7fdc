import { iso, type ExportEntry, type PersonalData } from '../../../lib/personal-data.js';
import type { SignInChallenges } from '../sign-in-challenges.js';
import type { PasskeyRepository } from './repository.js';

/** The person's passkeys (passkeys.json: names and dates; public keys are the site's, of no use to the person) and open ceremonies. */
export class PasskeyPersonalData implements PersonalData {
  readonly tables = ['passkeys', 'sign_in_challenges'];
  readonly exported = ['passkeys'];

  constructor(private readonly passkeys: PasskeyRepository, private readonly challenges: SignInChallenges) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const list = await this.passkeys.listForUser(userId);
    yield {
      path: 'passkeys.json',
      json: list.map((p) => ({
        name: p.name, credentialId: p.credential_id, backedUp: p.backed_up === 1, createdAt: iso(p.created_at), lastUsedAt: iso(p.last_used_at),
      })),
    };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.challenges.eraseFor(userId);
    await this.passkeys.deleteForUser(userId);
  }
}
