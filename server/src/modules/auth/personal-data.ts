import type { Session, User } from '../../db/schema.js';
import { iso, parseJson, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { AuditRepository, SessionRepository, UserRepository } from './repository.js';
import type { PendingSignupRepository } from './signup/pending-signup-repository.js';
import { publicSessionId } from './service.js';

/** Security events are read in pages of this many, so a long log is exported in bounded memory. */
const EXPORT_PAGE_SIZE = 500;

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
  readonly exported = ['users', 'policy_acknowledgements'];

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
  readonly exported = this.tables;

  constructor(private readonly sessions: SessionRepository, private readonly audit: AuditRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    yield { path: 'sessions.json', json: (await this.sessions.listForUserByCreation(userId)).map(sessionRecord) };
    yield { path: 'security-events.json', jsonPages: () => this.eventPages(this.audit.pagesForUser(userId, EXPORT_PAGE_SIZE)) };
    yield { path: 'administrator-actions.json', jsonPages: () => this.eventPages(this.audit.pagesAbout(userId, EXPORT_PAGE_SIZE), true) };
  }

  /**
   * Events with their details (the sign-in method, a suspension's reason...). An administrator's action on the
   * account is told without the administrator's identity or address, which are theirs, not the person's.
   */
  private async *eventPages(pages: AsyncIterable<{ type: string; ip: string | null; detail: string | null; created_at: number }[]>, byAdministrator = false) {
    for await (const page of pages) {
      yield page.map((r) => {
        const detail = parseJson(r.detail);
        if (!byAdministrator) return { type: r.type, ip: r.ip, detail, at: iso(r.created_at) };
        const { target: _target, ...rest } = (detail ?? {}) as Record<string, unknown>;
        return { action: r.type, detail: rest, at: iso(r.created_at) };
      });
    }
  }

  async eraseFor(userId: string): Promise<void> {
    await this.sessions.deleteForUser(userId);
    await this.audit.deleteForUser(userId);
  }
}
