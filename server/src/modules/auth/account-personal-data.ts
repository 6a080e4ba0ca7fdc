import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { MfaRepository } from './mfa/repository.js';
import type { AccountTokenRepository } from './recovery/account-token-repository.js';
import type { InvitationRepository } from './signup/invitation-repository.js';

/**
 * What the accounts features keep of a person: email links sent to them (hashes only; their dates and use are
 * exported), their second factor (whether it is on, recovery codes' use; never the secret or a code), and the
 * invitations they made as an administrator.
 */
export class AccountSecurityPersonalData implements PersonalData {
  readonly tables = ['account_tokens', 'mfa_challenges', 'mfa_recovery_codes', 'mfa_totp', 'invitations'];
  readonly exported = ['account_tokens', 'mfa_recovery_codes', 'mfa_totp', 'invitations'];

  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly mfa: MfaRepository,
    private readonly invitations: InvitationRepository,
  ) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const links = await this.tokens.listForUser(userId);
    const totp = await this.mfa.findTotp(userId);
    const codes = await this.mfa.listRecoveryCodes(userId);
    yield {
      path: 'account-security.json',
      json: {
        emailLinks: links.map((l) => ({ purpose: l.purpose, sentTo: l.email, createdAt: iso(l.created_at), expiresAt: iso(l.expires_at), usedAt: iso(l.used_at) })),
        twoStepSignIn: totp ? { setUpAt: iso(totp.created_at), onSince: iso(totp.confirmed_at) } : null,
        recoveryCodes: codes.map((c) => ({ createdAt: iso(c.created_at), usedAt: iso(c.used_at) })),
      },
    };
    const made = await this.invitations.listMadeBy(userId);
    yield {
      path: 'invitations.json',
      json: made.map((i) => ({ id: i.id, email: i.email, createdAt: iso(i.created_at), expiresAt: iso(i.expires_at), usedAt: iso(i.used_at) })),
    };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.tokens.deleteForUser(userId);
    await this.mfa.deleteForUser(userId);
    await this.invitations.eraseFor(userId);
  }
}
