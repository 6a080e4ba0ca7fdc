import type { User } from '../../../db/schema.js';
import { AppError } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import type { AuditRepository, UserRepository } from '../repository.js';
import type { AdminUserRepository, AdminUserRow } from './repository.js';

export interface AdminUserView {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  status: User['status'];
  created: string;
  lastActive: string | null;
  images: number;
  storageBytes: number;
  emailVerified: boolean;
  mfa: boolean;
  suspensionReason: string | null;
  /** The plan that applies to the person; null where this server has no plans (nothing is limited). */
  plan: AdminPlanView | null;
}

export interface AdminPlanView {
  id: string;
  name: string;
}

export interface AdminAuditEntry {
  id: number;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  at: string;
}

/** What the admin console reaches in other modules, wired by createServices. */
export interface AdminPorts {
  /** Every session and credential of the account (AuthService.revokeAllCredentials). */
  revokeAllCredentials(userId: string): Promise<number>;
  /** Queued and running generations (GenerationService.cancelAllFor). */
  cancelWork(userId: string): Promise<number>;
  /** The same purge as self-deletion, recorded as a deletion request (DeletionService.deleteOnRequest). */
  deleteOnRequest(userId: string): Promise<boolean>;
  /** A new verification link to the account's address (RecoveryService.sendVerification). */
  sendVerification(user: User): Promise<void>;
  /** The plan that applies to a billing account (none yet: the default plan); null without plans (BillingService.planShownFor). */
  planOf(account: Pick<AdminUserRow, 'plan_id' | 'subscription_status'>): AdminPlanView | null;
  /** Every live event stream of the person, cookie or token, in every process (LiveStreams.closeAllForUser). */
  closeStreams(userId: string): void;
}

const PAGE = 50;

const iso = (t: number | string | null) => (t === null ? null : new Date(Number(t)).toISOString());

/** The later of two optional times (signed in through the studio, or through an API token). */
function latest(a: number | string | null, b: number | string | null): number | null {
  const times = [a, b].filter((t) => t !== null).map(Number);
  return times.length > 0 ? Math.max(...times) : null;
}

function toView(r: AdminUserRow, plan: AdminPlanView | null): AdminUserView {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role, status: r.status, created: iso(r.created_at)!, lastActive: iso(latest(r.last_active, r.token_last_used)),
    images: Number(r.images), storageBytes: Number(r.storage_bytes), emailVerified: r.email_verified_at !== null, mfa: Number(r.mfa) > 0,
    suspensionReason: r.suspension_reason, plan,
  };
}

/**
 * The admin console: list and search accounts, change roles, suspend, delete on request, resend verification.
 * Every action is written to the audit log under the administrator (type `admin.*`, the target in the detail),
 * so it outlives the account it was about; the person's own security log records what happened to them.
 */
export class AdminUsersService {
  constructor(
    private readonly repo: AdminUserRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditRepository,
    private readonly ports: AdminPorts,
    private readonly clock: Clock,
  ) {}

  async list(q: string | undefined, cursor: string | undefined, limit = PAGE): Promise<{ items: AdminUserView[]; nextCursor: string | null }> {
    const rows = await this.repo.page(q?.trim() || undefined, cursor ?? '', limit + 1);
    const items = rows.slice(0, limit).map((r) => toView(r, this.ports.planOf(r)));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  async changeRole(adminId: string, targetId: string, role: User['role'], ip: string | null): Promise<void> {
    const target = await this.requireUser(targetId);
    if (target.role === role) return;
    if (target.role === 'admin' && (await this.repo.countAdmins()) <= 1) {
      throw new AppError('INVALID_STATE', 'This is the only administrator. Make another account administrator first.');
    }
    await this.users.update(targetId, { role, updated_at: this.clock.now() });
    await this.record(adminId, 'admin.role_changed', targetId, ip, { role });
  }

  /** Takes effect at once: sessions and credentials revoked, work canceled, streams closed; login says why. */
  async suspend(adminId: string, targetId: string, reason: string, ip: string | null): Promise<void> {
    if (adminId === targetId) throw new AppError('INVALID_STATE', 'You cannot suspend your own account.');
    await this.requireUser(targetId);
    if (!(await this.suspendAccount(targetId, reason.trim() || null, 'admin'))) {
      throw new AppError('INVALID_STATE', 'Only an active account can be suspended (this one is suspended already, or being deleted).');
    }
    await this.record(adminId, 'admin.user_suspended', targetId, ip, { reason });
  }

  /**
   * The one way an active account becomes suspended, whoever decides it (an administrator, moderation's threshold):
   * its sessions and credentials are revoked, its queued and running work canceled and refunded, its live streams
   * closed, and the person's security log records it with who decided. False when the account was not active.
   */
  async suspendAccount(targetId: string, reason: string | null, by: 'admin' | 'moderation'): Promise<boolean> {
    const now = this.clock.now();
    if (!(await this.repo.setSuspended(targetId, 'active', 'suspended', reason, now))) return false;
    await this.ports.revokeAllCredentials(targetId);
    await this.ports.cancelWork(targetId);
    this.ports.closeStreams(targetId);
    await this.audit.record({ userId: targetId, type: 'account.suspended', ip: null, detail: by, at: now });
    return true;
  }

  async unsuspend(adminId: string, targetId: string, ip: string | null): Promise<void> {
    await this.requireUser(targetId);
    const now = this.clock.now();
    if (!(await this.repo.setSuspended(targetId, 'suspended', 'active', null, now))) {
      throw new AppError('INVALID_STATE', 'This account is not suspended.');
    }
    await this.audit.record({ userId: targetId, type: 'account.unsuspended', ip: null, at: now });
    await this.record(adminId, 'admin.user_unsuspended', targetId, ip, {});
  }

  async deleteOnRequest(adminId: string, targetId: string, ip: string | null): Promise<void> {
    if (adminId === targetId) throw new AppError('INVALID_STATE', 'Delete your own account from Settings, with your password.');
    await this.requireUser(targetId);
    if (!(await this.ports.deleteOnRequest(targetId))) {
      throw new AppError('INVALID_STATE', 'This account is already being deleted.');
    }
    await this.record(adminId, 'admin.user_deleted', targetId, ip, {});
  }

  async resendVerification(adminId: string, targetId: string, ip: string | null): Promise<void> {
    const target = await this.requireUser(targetId);
    if (target.email_verified_at !== null) throw new AppError('INVALID_STATE', 'This address is verified already.');
    await this.ports.sendVerification(target);
    await this.record(adminId, 'admin.verification_resent', targetId, ip, {});
  }

  async auditLog(before: number | undefined, limit = PAGE): Promise<{ items: AdminAuditEntry[]; nextCursor: number | null }> {
    const rows = await this.audit.listAdminActions(before, limit + 1);
    const items = rows.slice(0, limit).map((r) => {
      const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {};
      const { target, ...rest } = detail;
      return {
        id: Number(r.id), actorId: r.user_id, actorEmail: r.email ?? null, action: r.type,
        target: typeof target === 'string' ? target : null, detail: rest, at: new Date(r.created_at).toISOString(),
      };
    });
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  /** Invitations are made and revoked by the routes through SignupGate; they are recorded here. */
  record(adminId: string, action: string, target: string | null, ip: string | null, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record({ userId: adminId, type: action, ip, detail: JSON.stringify({ target, ...detail }), at: this.clock.now() });
  }

  private async requireUser(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', 'No account with this id.');
    return user;
  }
}
