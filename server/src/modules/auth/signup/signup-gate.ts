import { AppError } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import { newId, randomToken, sha256Hex } from '../../../lib/ids.js';
import type { AccountsConfig } from '../accounts-config.js';
import type { UserRepository } from '../repository.js';
import type { Invitation, InvitationRepository } from './invitation-repository.js';

/**
 * What let a sign-up in, and so how it goes on: the first account (the administrator; no one to hide accounts from)
 * and an invitation make the account at once; an open sign-up waits for its emailed link (ADR 0026).
 */
export interface Admission {
  by: 'first_run' | 'invitation' | 'open';
  /** Marks the invitation with the account it made. */
  accepted(userId: string): Promise<void>;
}

const nothingToMark = async () => undefined;

export interface InvitationView {
  id: string;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  status: 'open' | 'used' | 'expired';
  /** Only in the answer that creates it: the link is not stored and cannot be shown again. */
  url?: string;
}

export const DEFAULT_INVITATION_DAYS = 7;

const closedMessage = 'Sign-up is closed on this server. Ask the people who run it for an account.';

/**
 * ATELIER_SIGNUP (open, invite, closed) and ATELIER_SIGNUP_DOMAINS. The first account (the administrator) is
 * always admitted, so a fresh server can be set up whatever the policy.
 */
export class SignupGate {
  constructor(
    private readonly config: AccountsConfig,
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  async admit(email: string, invitationToken: string | undefined): Promise<Admission> {
    if ((await this.users.count()) === 0) return { by: 'first_run', accepted: nothingToMark };
    if (invitationToken) return this.admitInvited(email, invitationToken);
    if (this.config.signup === 'closed') throw new AppError('SIGNUP_CLOSED', closedMessage);
    if (this.config.signup === 'invite') {
      throw new AppError('SIGNUP_CLOSED', 'Sign-up on this server needs an invitation. Ask the people who run it to send you one.');
    }
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (this.config.signupDomains.length > 0 && !this.config.signupDomains.includes(domain)) {
      throw new AppError('SIGNUP_CLOSED', `Sign-up on this server is open to addresses at ${this.config.signupDomains.join(', ')} only.`, { field: 'email' });
    }
    return { by: 'open', accepted: nothingToMark };
  }

  /** What the studio shows before anyone signs in. */
  async publicView(): Promise<{ signup: AccountsConfig['signup']; firstRun: boolean }> {
    return { signup: this.config.signup, firstRun: (await this.users.count()) === 0 };
  }

  async createInvitation(adminId: string, opts: { email?: string; days?: number }): Promise<InvitationView> {
    const token = randomToken();
    const now = this.clock.now();
    const row: Invitation = {
      id: newId(), token_hash: sha256Hex(token), user_id: adminId, email: opts.email?.trim().toLowerCase() || null,
      created_at: now, expires_at: now + (opts.days ?? DEFAULT_INVITATION_DAYS) * 86_400_000, used_at: null, used_by: null,
    };
    await this.invitations.insert(row);
    return { ...this.view(row), url: `${this.publicUrl}/signup?invitation=${encodeURIComponent(token)}` };
  }

  async listInvitations(limit: number): Promise<InvitationView[]> {
    return (await this.invitations.list(limit)).map((r) => this.view(r));
  }

  async revokeInvitation(id: string): Promise<void> {
    if (!(await this.invitations.delete(id))) throw new AppError('NOT_FOUND', 'No open invitation with this id (it may have been used already).');
  }

  private async admitInvited(email: string, token: string): Promise<Admission> {
    const now = this.clock.now();
    const invitation = await this.invitations.findUsable(sha256Hex(token), now);
    if (!invitation || (invitation.email !== null && invitation.email !== email)) {
      throw new AppError('INVALID_TOKEN', 'This invitation does not work: it was used already, has expired, or is for another address.');
    }
    if (!(await this.invitations.consume(invitation.id, now))) {
      throw new AppError('INVALID_TOKEN', 'This invitation was used already.');
    }
    return { by: 'invitation', accepted: (userId) => this.invitations.setUsedBy(invitation.id, userId) };
  }

  private view(r: Invitation): InvitationView {
    const status = r.used_at !== null ? 'used' : r.expires_at <= this.clock.now() ? 'expired' : 'open';
    return { id: r.id, email: r.email, createdAt: new Date(r.created_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString(), status };
  }
}
