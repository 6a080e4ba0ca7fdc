import type { ConsentPurpose } from '../../../db/schema.js';
import { AppError } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import type { UserRepository } from '../../auth/repository.js';
import type { PrivacyConfig } from '../privacy-config.js';
import { CONSENT_PURPOSES } from './purposes.js';
import type { ConsentRepository, ConsentRow, NewConsent } from './repository.js';

export interface ConsentState {
  granted: boolean;
  policyVersion: string | null;
  updatedAt: string | null;
}

export interface ConsentView {
  trainingOffered: boolean;
  consents: Record<ConsentPurpose, ConsentState>;
  history: { purpose: ConsentPurpose; granted: boolean; policyVersion: string | null; at: string }[];
}

export type ConsentChanges = Partial<Record<ConsentPurpose, boolean>>;

export type ConsentOptions = Pick<PrivacyConfig, 'trainingUse' | 'policyVersion'>;

const OFF: ConsentState = { granted: false, policyVersion: null, updatedAt: null };

/** The latest row of each purpose; purposes with no row are off (the default). */
function currentOf(rows: readonly ConsentRow[]): Record<ConsentPurpose, ConsentState> {
  const current = { training: OFF, product_emails: OFF, analytics: OFF };
  for (const r of rows) {
    current[r.purpose] = { granted: r.granted === 1, policyVersion: r.policy_version, updatedAt: new Date(r.created_at).toISOString() };
  }
  return current;
}

/**
 * A person's choices: training use of their prompts and images, optional emails, the analytics cookie.
 * Each change adds a history row with the policy version in force; the current choice is the latest row.
 */
export class ConsentService {
  constructor(
    private readonly repo: ConsentRepository,
    private readonly clock: Clock,
    private readonly opts: ConsentOptions,
    private readonly users: Pick<UserRepository, 'activeAmong'>,
  ) {}

  get trainingOffered(): boolean {
    return this.opts.trainingUse === 'opt_in';
  }

  async view(userId: string): Promise<ConsentView> {
    const rows = await this.repo.history(userId);
    return {
      trainingOffered: this.trainingOffered,
      consents: currentOf(rows),
      history: rows.map((r) => ({
        purpose: r.purpose, granted: r.granted === 1, policyVersion: r.policy_version, at: new Date(r.created_at).toISOString(),
      })),
    };
  }

  /**
   * Records the choices that differ from the current ones (or were made under an older policy version).
   * Turning training on where it is not offered is refused; turning it off is always allowed.
   */
  async update(userId: string, changes: ConsentChanges): Promise<ConsentView> {
    if (changes.training === true && !this.trainingOffered) {
      throw new AppError('TRAINING_NOT_OFFERED', 'This installation never uses prompts or images for training, so there is nothing to consent to.', { field: 'training' });
    }
    const current = currentOf(await this.repo.history(userId));
    const at = this.clock.now();
    const rows: NewConsent[] = [];
    for (const purpose of CONSENT_PURPOSES) {
      const granted = changes[purpose];
      if (granted === undefined) continue;
      const was = current[purpose];
      if (was.granted === granted && was.policyVersion === this.opts.policyVersion) continue;
      rows.push({ userId, purpose, granted, policyVersion: this.opts.policyVersion, at });
    }
    await this.repo.append(rows);
    return this.view(userId);
  }

  async isGranted(userId: string, purpose: ConsentPurpose): Promise<boolean> {
    if (purpose === 'training' && !this.trainingOffered) return false;
    return currentOf(await this.repo.history(userId))[purpose].granted;
  }

  /** Active accounts whose current choice grants `purpose` (none for training where it is not offered). */
  async activeUsersGranting(purpose: ConsentPurpose): Promise<string[]> {
    if (purpose === 'training' && !this.trainingOffered) return [];
    const granting = await this.repo.usersGranting(purpose);
    const active = await this.users.activeAmong(granting);
    return granting.filter((id) => active.has(id));
  }
}
