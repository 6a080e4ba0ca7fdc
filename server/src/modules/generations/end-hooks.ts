import type { Generation } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { GenerationRepository } from './repository.js';

export type EndedStatus = 'succeeded' | 'partial' | 'failed' | 'canceled';

/** What follows a generation's end (webhooks, the next workflow step, its batch's completion); each safe to run twice. */
export type EndHook = (g: Generation, status: EndedStatus) => Promise<void>;

/** How long after its end a generation's hooks are left to the process that ended it before the sweep runs them. */
export const END_HOOKS_GRACE_MS = 60_000;

/**
 * A generation's end hooks are owed from the commit that ends it (`end_hooks_due`, set by `finish`); they are run
 * right after it, and the mark is cleared only once they all ran. A process that dies in between leaves the mark,
 * and `sweep` (at worker start and periodically) runs them again: so they run at least once, and each is idempotent.
 */
export class GenerationEndHooks {
  constructor(
    private readonly repo: Pick<GenerationRepository, 'endHooksRan' | 'endHooksOwed'>,
    private readonly clock: Clock,
    private readonly hook: EndHook,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Runs the hooks of a generation that just ended; a failure leaves them owed (the sweep tries again). Never throws. */
  async run(g: Generation, status: EndedStatus): Promise<void> {
    try {
      await this.hook(g, status);
      await this.repo.endHooksRan(g.id);
    } catch (err) {
      this.onError(err);
    }
  }

  /** Runs the hooks still owed for generations that ended more than `graceMs` ago (at most `limit`); returns how many. */
  async sweep(graceMs = END_HOOKS_GRACE_MS, limit = 500): Promise<number> {
    const owed = await this.repo.endHooksOwed(this.clock.now() - graceMs, limit);
    for (const g of owed) await this.run(g, g.status as EndedStatus);
    return owed.length;
  }
}
