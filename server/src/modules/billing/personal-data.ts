import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { BillingRepository } from './repository.js';

/** The person's plan, subscription reference and every credit entry: billing.json in the export. */
export class BillingPersonalData implements PersonalData {
  readonly tables = ['billing_accounts', 'credit_ledger'];
  readonly exported = this.tables;

  constructor(private readonly repo: BillingRepository, private readonly payments?: { forget(userId: string): Promise<void> }) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const account = await this.repo.findAccount(userId);
    const entries = await this.repo.entriesOf(userId);
    if (!account && entries.length === 0) return;
    yield {
      path: 'billing.json',
      json: {
        account: account && {
          plan: account.plan_id,
          cycleStartedAt: iso(account.cycle_anchor),
          stripeCustomer: account.stripe_customer_id,
          subscriptionStatus: account.subscription_status,
          renewsAt: iso(account.renews_at),
        },
        credits: entries.map((e) => ({
          kind: e.kind, amount: e.amount, generationId: e.generation_id, reason: e.reason, at: iso(e.created_at),
        })),
      },
    };
  }

  /** The subscription is canceled at the payment provider first: the rows that name it go only once it is. */
  async eraseFor(userId: string): Promise<void> {
    await this.payments?.forget(userId);
    await this.repo.deleteForUser(userId);
  }
}
