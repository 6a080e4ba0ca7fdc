import type { Session, User } from '../../db/schema.js';
import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { AuditRepository, SessionRepository, UserRepository } from './repository.js';
import type { PendingSignupRepository } from './signup/pending-signup-repository.js';
import { publicSessionId } from './service.js';

/** The policy versions a person acknowledged (privacy/policy owns them; they are part of account.json). */
export interface AcknowledgementSource {
  acknowledgementsOf(userId: string): Promise<{ version: string; acknowledged_at: number }[]>;
}

export function accountRecord(user: User, acknowledgements: { version: string; acknowledged_at: number }[]) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    preferences: { embedPromptInImages: user.embed_prompt === 1, watermarkByDefault: user.watermark_default === 1 },
    createdAt: iso(user.created_at),
    updatedAt: iso(user.updated_at),
    emailVerifiedAt: iso(user.email_verified_at),
    suspensionReason: user.suspension_reason,
    policyAcknowledgements: acknowledgements.map((a) => ({ version: a.version, at: iso(a.acknowledged_at) })),
  };
}

/** A session as the person sees it: coarse device (browser, OS, device type) and the truncated IP stored. */
export function sessionRecord(s: Session) {
  return {
    id: publicSessionId(s),
    device: s.user_agent,
    ip: s.ip,
    createdAt: iso(s.created_at),
    lastSeenAt: iso(s.last_seen_at),
    expiresAt: iso(s.expires_at),
  };
}

/**
 * The users row: account.json in the export; erased last, since the erasure of everything else hangs on it. A sign-up
 * of the address still waiting for its link (made before the account came another way) goes with it.
 */
export class AccountPersonalData implements PersonalData {
  readonly tables = ['users', 'pending_signups'];

  constructor(private readonly users: UserRepository, private readonly acknowledgements: AcknowledgementSource,
    private readonly pendingSignups: Pick<PendingSignupRepository, 'deleteForEmail'>) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const user = await this.users.findById(userId);
    if (!user) throw new Error('The account no longer exists.');
    yield { path: 'account.json', json: accountRecord(user, await this.acknowledgements.acknowledgementsOf(userId)) };
  }

  async eraseFor(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (user) await this.pendingSignups.deleteForEmail(user.email);
    await this.users.delete(userId);
  }
}

/** Sessions (signed-in devices) and the security log of the person. */
export class SignInPersonalData implements PersonalData {
  readonly tables = ['sessions', 'audit_events'];

  constructor(private readonly sessions: SessionRepository, private readonly audit: AuditRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    yield { path: 'sessions.json', json: (await this.sessions.listForUserByCreation(userId)).map(sessionRecord) };
    const events = await this.audit.listForUser(userId);
    yield { path: 'security-events.json', json: events.map((r) => ({ type: r.type, ip: r.ip, at: iso(r.created_at) })) };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.sessions.deleteForUser(userId);
    await this.audit.deleteForUser(userId);
  }
}
