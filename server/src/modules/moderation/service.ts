import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { ModerationConfig } from './moderation-config.js';
import { PromptPolicy } from './prompt-policy.js';
import type { ModerationRepository } from './repository.js';

/** What the generation service asks before a job is stored (generate, edit, rerun: every path goes through enqueue). */
export interface PromptGate {
  /** Throws 422 PROMPT_REFUSED naming the category; the refusal is counted, the texts are not kept. */
  checkPrompt(userId: string, texts: Array<string | undefined>): Promise<void>;
}

/** How moderation suspends: the same path as the admin console's suspension (auth/admin AdminUsersService.suspendAccount). */
export interface SuspensionPort {
  suspendAccount(userId: string, reason: string, by: 'moderation'): Promise<boolean>;
}

export class ModerationService implements PromptGate {
  private readonly policy: PromptPolicy;

  constructor(
    private readonly db: Db,
    private readonly repo: ModerationRepository,
    private readonly suspensions: SuspensionPort,
    private readonly config: ModerationConfig,
    private readonly clock: Clock,
  ) {
    this.policy = new PromptPolicy(config.promptCategories);
  }

  async checkPrompt(userId: string, texts: Array<string | undefined>): Promise<void> {
    const category = this.policy.categoryOf(...texts);
    if (category === undefined) return;
    const suspended = await this.recordRefusal(userId, category);
    throw new AppError('PROMPT_REFUSED', suspended
      ? `This prompt falls under "${category}", which this server does not accept, and this account has been suspended after repeated refusals. Contact the operator.`
      : `This prompt falls under "${category}", which this server does not accept. Change the prompt and try again.`,
    { field: 'prompt', category });
  }

  /**
   * Counts the refusal and, at the configured threshold, suspends the account as an administrator's suspension
   * does (sessions, tokens, streams, queued work); true if this refusal suspended it. Only the request that moves
   * the account from active to suspended does so, however many race.
   */
  async recordRefusal(userId: string, category: string): Promise<boolean> {
    const now = this.clock.now();
    const limit = this.config.autoSuspendAfter;
    const count = await this.db.transaction().execute((trx) => this.repo.countRefusal(userId, category, now, trx));
    if (limit === null || count < limit) return false;
    const reason = `Suspended automatically after ${count} prompts this server does not accept.`;
    if (!(await this.suspensions.suspendAccount(userId, reason, 'moderation'))) return false;
    await this.repo.markSuspended(userId, now);
    return true;
  }
}
