import type { OutboxMessage } from '../../../db/schema.js';
import type { Clock } from '../../../lib/clock.js';
import type { EmailConsent } from './service.js';
import { isPermanentFailure, type Mailer } from './mailer.js';
import type { OutboxRepository } from './repository.js';

export interface DeliveryOptions {
  from: string;
  maxAttempts: number;
  /** How often the worker looks for due messages (it is also woken when a message is queued). */
  pollMs?: number;
  /** A message being sent is taken again after this long if its sender died. */
  leaseMs?: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  suppressed: number;
}

const BATCH = 50;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** Wait before attempt n + 1 after n failed ones: 30 s, 2 min, 8 min, 32 min, ~2 h, then 6 h. */
export const retryDelayMs = (failedAttempts: number) => Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 4 ** Math.max(0, failedAttempts - 1));

/**
 * Sends due outbox messages through the Mailer. A temporary failure (connection refused, SMTP 4xx) is retried
 * with a growing delay up to `maxAttempts`; a permanent one (SMTP 5xx) fails at once. An optional message whose
 * person withdrew consent since it was queued is suppressed, not sent. Errors are kept on the row for admins,
 * never logged (they may name an address).
 */
export class OutboxDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly consents: EmailConsent,
    private readonly clock: Clock,
    private readonly opts: DeliveryOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.opts.pollMs ?? 5_000);
    this.timer.unref();
    this.kick();
  }

  /** Runs a delivery pass now (or right after the one under way). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue().catch(() => undefined).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopped = true;
    this.again = false;
    await this.running;
    this.mailer.close();
  }

  /** One pass over every message due now. */
  async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, suppressed: 0 };
    for (;;) {
      const ids = await this.repo.due(this.clock.now(), BATCH);
      for (const id of ids) {
        const now = this.clock.now();
        const message = await this.repo.claim(id, now, now + (this.opts.leaseMs ?? 60_000));
        if (message) report[await this.deliver(message)] += 1;
      }
      if (ids.length < BATCH) return report;
    }
  }

  private async deliver(m: OutboxMessage): Promise<keyof DeliveryReport> {
    if (m.essential !== 1 && (m.user_id === null || !(await this.consents.isGranted(m.user_id, 'product_emails')))) {
      await this.repo.settle(m.id, { status: 'suppressed' });
      return 'suppressed';
    }
    try {
      await this.mailer.send({
        from: this.opts.from, to: m.to_address, subject: m.subject, text: m.text_body, headers: JSON.parse(m.headers) as Record<string, string>,
      });
      await this.repo.settle(m.id, { status: 'sent', sent_at: this.clock.now(), last_error: null });
      return 'sent';
    } catch (err) {
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      if (isPermanentFailure(err) || m.attempts >= this.opts.maxAttempts) {
        await this.repo.settle(m.id, { status: 'failed', last_error: lastError });
        return 'failed';
      }
      await this.repo.settle(m.id, { status: 'pending', last_error: lastError, next_attempt_at: this.clock.now() + retryDelayMs(m.attempts) });
      return 'retrying';
    }
  }
}
