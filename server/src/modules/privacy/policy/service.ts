import type { User } from '../../../db/schema.js';
import { AppError } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import type { UserRepository } from '../../auth/repository.js';
import type { Outbox } from '../outbox/service.js';
import { mailTemplates } from '../outbox/mail-templates.js';
import type { PrivacyConfig } from '../privacy-config.js';
import type { PolicyRepository } from './repository.js';

export interface PolicyInfo {
  version: string;
  effectiveDate: string;
  url: '/privacy';
}

export interface PolicyNotice {
  version: string;
  effectiveDate: string;
  summary: string;
}

export type PolicyOptions = Pick<PrivacyConfig, 'policyVersion' | 'policyEffectiveDate' | 'policyMaterial' | 'policyChangeSummary' | 'publicUrl'>;

const ANNOUNCE_BATCH = 200;

/**
 * The privacy policy version in force and what follows from a material change: people who joined before it see
 * a notice (policyNotice on /me) until they acknowledge it, and each of them gets one essential email about it.
 *
 * A version is material when ATELIER_POLICY_MATERIAL=true is set with it. People who sign up on or after the
 * effective date agreed to that version when they signed up, so they are neither notified nor emailed.
 */
export class PolicyService {
  constructor(
    private readonly repo: PolicyRepository,
    private readonly outbox: Pick<Outbox, 'send'>,
    private readonly clock: Clock,
    private readonly opts: PolicyOptions,
    private readonly users: Pick<UserRepository, 'activeCreatedBefore'>,
  ) {}

  current(): PolicyInfo {
    return { version: this.opts.policyVersion, effectiveDate: this.opts.policyEffectiveDate, url: '/privacy' };
  }

  /** Start of the effective date (UTC). */
  private get effectiveAt(): number {
    return Date.parse(`${this.opts.policyEffectiveDate}T00:00:00Z`);
  }

  /** A material version whose effective date has come. */
  private get materialInForce(): boolean {
    return this.opts.policyMaterial && this.clock.now() >= this.effectiveAt;
  }

  async noticeFor(user: Pick<User, 'id' | 'created_at'>): Promise<PolicyNotice | null> {
    if (!this.materialInForce || user.created_at >= this.effectiveAt) return null;
    if (await this.repo.hasAcknowledged(user.id, this.opts.policyVersion)) return null;
    return { version: this.opts.policyVersion, effectiveDate: this.opts.policyEffectiveDate, summary: this.opts.policyChangeSummary };
  }

  /**
   * Records the version a person agreed to by signing up. Before the configured version's effective date the
   * version in force is the previous one, which configuration does not name: nothing is recorded then, and the
   * person gets the notice of the new version like everyone who joined before it.
   */
  async agreedAtSignup(userId: string): Promise<void> {
    if (this.clock.now() >= this.effectiveAt) await this.repo.acknowledge(userId, this.opts.policyVersion, this.clock.now());
  }

  /** Records that the person read the version in force; acknowledging any other version is refused. */
  async acknowledge(userId: string, version: string): Promise<void> {
    if (version !== this.opts.policyVersion) {
      throw new AppError('POLICY_VERSION_OUTDATED',
        `Version ${version} is not the policy in force; the current one is ${this.opts.policyVersion}. Reload the page and read it first.`,
        { currentVersion: this.opts.policyVersion });
    }
    await this.repo.acknowledge(userId, version, this.clock.now());
  }

  /**
   * Emails everyone concerned about a material version in force, once per version. Safe to run again after a
   * crash half-way: each person's message has a dedupe key, so nobody gets two. Returns how many were queued.
   */
  async announce(): Promise<number> {
    const version = this.opts.policyVersion;
    if (!this.materialInForce || (await this.repo.wasAnnounced(version))) return 0;
    let queued = 0;
    let afterId = '';
    for (;;) {
      const batch = await this.users.activeCreatedBefore(this.effectiveAt, afterId, ANNOUNCE_BATCH);
      const acknowledged = await this.repo.acknowledgedAmong(version, batch.map((u) => u.id));
      for (const user of batch.filter((u) => !acknowledged.has(u.id))) {
        const mail = mailTemplates(user.language).policyChangedAnnouncement({
          name: user.name, version, effectiveDate: this.opts.policyEffectiveDate, summary: this.opts.policyChangeSummary, publicUrl: this.opts.publicUrl,
        });
        const id = await this.outbox.send({ userId: user.id, to: user.email, type: 'policy.changed', dedupeKey: `policy:${version}:${user.id}`, ...mail });
        if (id) queued += 1;
      }
      if (batch.length < ANNOUNCE_BATCH) break;
      afterId = batch[batch.length - 1]!.id;
    }
    await this.repo.recordAnnouncement(version, this.clock.now(), queued);
    return queued;
  }
}
