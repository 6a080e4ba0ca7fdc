import type { Config } from '../../../config.js';
import type { Db } from '../../../db/database.js';
import { AppError } from '../../../http/errors.js';
import { DAY_MS, type Clock } from '../../../lib/clock.js';
import type { SessionRepository, UserRepository } from '../../auth/repository.js';
import { verifyPassword } from '../../auth/password.js';
import { AttemptLimiter, recheckBuckets } from '../../auth/attempt-limiter.js';
import type { ClientInfo, SessionStreamsPort } from '../../auth/service.js';
import type { PersonalData } from '../../../lib/personal-data.js';
import { eraseUser } from './erase-user.js';
import type { DeletionRepository } from './repository.js';
import type { TombstoneLog } from './tombstone-log.js';

export interface DeletionDeps {
  db: Db;
  repo: DeletionRepository;
  users: UserRepository;
  sessions: SessionRepository;
  /** Every module's data of a person, in erasure order (server/src/personal-data.ts). */
  personalData: readonly PersonalData[];
  /** The person's queued and running work (the job outbox and the queue), stopped as soon as they ask to be deleted. */
  jobs: PersonalData;
  tombstones: TombstoneLog;
  clock: Clock;
  config: Pick<Config, 'loginRateLimit' | 'loginRateWindowMs'> & { privacy: Pick<Config['privacy'], 'deletionGraceDays'> };
  /** Closes the person's live streams in every process once their sessions are gone. */
  streams?: Pick<SessionStreamsPort, 'closeAllForUser'>;
  /** Essential emails: the request (with the purge date and how to cancel) and its cancellation. */
  notices?: DeletionNoticePort;
  /** What other modules end the moment deletion is asked for, not at the purge (a paid subscription, API tokens). */
  onRequested?: readonly DeletionRequestedPort[];
}

/** Something of another module that must not outlive a deletion request, even if the person withdraws it by logging in. */
export interface DeletionRequestedPort {
  deletionRequested(userId: string): Promise<void>;
}

/** Essential emails about a pending deletion (privacy/outbox AccountNotices). */
export interface DeletionNoticePort {
  deletionRequested(to: { userId: string; name: string; email: string }, purgeAt: number): Promise<void>;
  deletionCanceled(to: { userId: string; name: string; email: string }): Promise<void>;
}

export interface DeletionScheduled {
  status: 'pending_deletion';
  purgeAt: string;
}

const PURGE_BATCH = 50;

/**
 * Account deletion: a request (password checked) signs the person out everywhere and disables the account at
 * once; the purge follows after the grace period (or at once with grace 0). Logging in during the grace period
 * cancels it. The purge writes the tombstone first, then crypto-shreds and removes every row and blob.
 */
export class DeletionService {
  private readonly attempts: AttemptLimiter;

  constructor(private readonly deps: DeletionDeps) {
    this.attempts = new AttemptLimiter(deps.db, deps.clock, deps.config.loginRateWindowMs);
  }

  async request(userId: string, password: string, client: ClientInfo = { ip: null, userAgent: null }): Promise<DeletionScheduled> {
    const user = await this.deps.users.findById(userId);
    if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED', 'Please log in first.');
    const buckets = recheckBuckets(userId, client.ip, this.deps.config.loginRateLimit);
    if (!(await this.attempts.check(buckets, 'wrong passwords', () => verifyPassword(user.password_hash, password)))) {
      throw new AppError('PASSWORD_INCORRECT', 'That is not your current password; the account was not deleted.', { field: 'password' });
    }
    const now = this.deps.clock.now();
    const purgeAt = now + this.deps.config.privacy.deletionGraceDays * DAY_MS;
    if (!(await this.disable(userId, now, purgeAt))) throw new AppError('UNAUTHENTICATED', 'Please log in first.');
    this.deps.streams?.closeAllForUser(userId);
    await this.stopAtRequest(userId);
    // With no grace period the purge erases the outbox too: there is nothing left to announce or to cancel.
    if (purgeAt <= now) await this.purge(userId);
    else await this.deps.notices?.deletionRequested({ userId, name: user.name, email: user.email }, purgeAt);
    return { status: 'pending_deletion', purgeAt: new Date(purgeAt).toISOString() };
  }

  /**
   * An administrator deletes the account at the person's request (made to them outside Atelier): recorded as a
   * deletion request like the person's own, and purged at once through the same erasure. False when the account
   * was not active or suspended.
   */
  async deleteOnRequest(userId: string): Promise<boolean> {
    const user = await this.deps.users.findById(userId);
    if (!user || (user.status !== 'active' && user.status !== 'suspended')) return false;
    const now = this.deps.clock.now();
    if (!(await this.disable(userId, now, now, user.status))) return false;
    await this.stopAtRequest(userId);
    await this.purge(userId);
    return true;
  }

  /** Called by a successful login of a pending_deletion account: true when a pending deletion was withdrawn. */
  async cancelOnLogin(userId: string): Promise<boolean> {
    if (!(await this.reactivate(userId, this.deps.clock.now()))) return false;
    const user = await this.deps.users.findById(userId);
    if (user) await this.deps.notices?.deletionCanceled({ userId, name: user.name, email: user.email });
    return true;
  }

  /** Purges every account whose grace period is over (the daily maintenance job). Returns how many went. */
  async purgeDue(): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.deps.repo.due(this.deps.clock.now(), PURGE_BATCH);
      for (const d of batch) {
        if (d.state === 'pending' && !(await this.deps.repo.claim(d.userId))) continue; // canceled meanwhile
        await this.erase(d.userId);
        purged += 1;
      }
      if (batch.length < PURGE_BATCH) return purged;
    }
  }

  /**
   * In one transaction: the account is set pending_deletion (so no session or key authenticates any more), every
   * session is revoked, and the request is recorded. False when the account was not active.
   */
  private disable(userId: string, requestedAt: number, purgeAt: number, from: 'active' | 'suspended' = 'active'): Promise<boolean> {
    const { db, users, sessions, repo } = this.deps;
    return db.transaction().execute(async (trx) => {
      if (!(await users.changeStatus(userId, from, 'pending_deletion', requestedAt, trx))) return false;
      await sessions.deleteForUser(userId, undefined, trx);
      await repo.recordRequest(userId, requestedAt, purgeAt, trx);
      return true;
    });
  }

  /** Nothing more is made for the person (running jobs are aborted), and what other modules end at the request ends. */
  private async stopAtRequest(userId: string): Promise<void> {
    await this.deps.jobs.eraseFor(userId);
    for (const port of this.deps.onRequested ?? []) await port.deletionRequested(userId);
  }

  /** Withdraws a pending request and reactivates the account, in one transaction; false when none was pending. */
  private reactivate(userId: string, at: number): Promise<boolean> {
    const { db, users, repo } = this.deps;
    return db.transaction().execute(async (trx) => {
      if (!(await repo.withdrawPending(userId, trx))) return false;
      await users.changeStatus(userId, 'pending_deletion', 'active', at, trx);
      return true;
    });
  }

  private async purge(userId: string): Promise<void> {
    if (await this.deps.repo.claim(userId)) await this.erase(userId);
  }

  /** Tombstone first (file, then table), so that from the moment anything is removed a restore knows to remove it. */
  private async erase(userId: string): Promise<void> {
    const { db, repo, tombstones, clock, personalData } = this.deps;
    const at = clock.now();
    await tombstones.append({ userId, deletedAt: at });
    await repo.insertTombstone(userId, at);
    await eraseUser(db, personalData, userId);
  }
}
