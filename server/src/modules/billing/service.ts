import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { AdmissionRequest, GenerationAdmission, RequestShape } from '../generations/admission.js';
import { cycleAt } from './cycle.js';
import { creditsPerImage, type Plan, type PlanCatalog } from './plans.js';
import type { BillingAccount, BillingRepository } from './repository.js';

const MIB = 1024 * 1024;
/** Subscription states in which the subscribed plan applies; otherwise the default plan does. */
const LIVE_SUBSCRIPTION = new Set(['active', 'trialing']);

/** How much storage a person uses (the asset module answers). */
export interface StorageUsage {
  bytesUsed(userId: string): Promise<number>;
}

export interface BillingSummary {
  /** null: plans are off on this server and nothing is limited. */
  plan: Omit<Plan, 'stripePriceId'> | null;
  unlimited: boolean;
  balance: number | null;
  usage: { creditsThisCycle: number; storageBytes: number; storageQuotaBytes: number | null };
  cycleStartedAt: string | null;
  renewsAt: string | null;
  subscription: { status: string } | null;
  /** Whether plans and credit packs can be bought here (Stripe is configured). */
  payments: boolean;
  plans: Array<{ id: string; name: string; monthlyCredits: number; purchasable: boolean }>;
  creditPacks: Array<{ id: string; credits: number; purchasable: boolean }>;
}

/**
 * Plans, credits and quotas. The balance is the sum of the person's ledger; each decision that takes credits
 * holds the person's billing account (serializeOnRow) so concurrent requests never spend the same credit twice.
 */
export class BillingService implements GenerationAdmission {
  constructor(
    private readonly repo: BillingRepository,
    private readonly catalog: PlanCatalog | undefined,
    private readonly clock: Clock,
    private readonly storage: StorageUsage,
    /** Whether Stripe sells the plans and packs (ATELIER_STRIPE_SECRET_KEY): what has a price is then purchasable. */
    private readonly payments = false,
  ) {}

  get enabled(): boolean {
    return this.catalog !== undefined;
  }

  async check(req: RequestShape): Promise<void> {
    if (!this.catalog) return;
    const plan = this.planOf(await this.repo.account(req.userId, this.clock.now()));
    refuseOverPlan(plan, req);
    await this.refuseOverStorage(plan, req.userId);
  }

  async admitIn(trx: Kysely<Database>, req: AdmissionRequest): Promise<void> {
    if (!this.catalog) return;
    const now = this.clock.now();
    const account = await this.repo.lockAccount(trx, req.userId, now);
    // Checked again under the lock: a subscription that changed since check() changes the plan.
    const plan = this.planOf(account);
    refuseOverPlan(plan, req);
    if (plan.maxConcurrentJobs > 0 && (await req.activeJobs()) >= plan.maxConcurrentJobs) {
      throw planLimit('maxConcurrentJobs',
        `Your ${plan.name} plan runs at most ${plan.maxConcurrentJobs} generations at once. Wait for one to finish or cancel one, then try again.`);
    }
    await this.grantCycle(account, plan, now, trx);
    if (req.providerKeyId) {
      // On the person's own key the provider bills them: the ledger shows the generation at 0 credits.
      await this.repo.append({ userId: req.userId, kind: 'reserve', amount: 0, generationId: req.generationId, reason: `your own ${req.engine} key`, at: now }, trx);
      return;
    }
    const cost = costOf(plan, req);
    if (cost === 0) return;
    const balance = await this.repo.balance(req.userId, trx);
    if (balance < cost) {
      const renews = renewalDay(account, now);
      throw new AppError('INSUFFICIENT_CREDITS',
        `This request costs ${cost} credits and you have ${balance}. Ask for fewer or smaller images, buy credits, or wait for your credits to renew on ${renews}.`,
        { cost, balance });
    }
    await this.repo.append({ userId: req.userId, kind: 'reserve', amount: -cost, generationId: req.generationId, at: now }, trx);
  }

  /**
   * Before a batch is accepted: the credits of all its requests together against the balance (402 when it cannot be
   * paid). Nothing is reserved: each request reserves its own as it is released into the queue.
   */
  async affordAll(userId: string, requests: readonly RequestShape[]): Promise<void> {
    if (!this.catalog) return;
    const now = this.clock.now();
    const { account, plan } = await this.currentAccount(userId, now);
    const cost = requests.reduce((sum, req) => sum + costOf(plan, req), 0);
    if (cost === 0) return;
    const balance = await this.repo.balance(userId);
    if (balance >= cost) return;
    throw new AppError('INSUFFICIENT_CREDITS',
      `This batch costs ${cost} credits and you have ${balance}. Remove rows, ask for fewer or smaller images, buy credits, or wait for your credits to renew on ${renewalDay(account, now)}.`,
      { cost, balance });
  }

  /** The most generations the person's plan runs at once; 0 for no limit (and without plans). */
  async maxConcurrentJobs(userId: string): Promise<number> {
    if (!this.catalog) return 0;
    return this.planOf(await this.repo.account(userId, this.clock.now())).maxConcurrentJobs;
  }

  async ended(g: { id: string; userId: string; count: number; produced: number }): Promise<void> {
    const missing = g.count - g.produced;
    if (missing <= 0) return;
    const reserved = await this.repo.reservationOf(g.id);
    if (!reserved || reserved.amount === 0) return;
    const refund = Math.round((-reserved.amount * missing) / g.count);
    await this.repo.append({
      userId: g.userId, kind: 'refund', amount: refund, generationId: g.id, entryKey: `refund:${g.id}`, at: this.clock.now(),
    });
  }

  /** Whether the person may bring their own provider key: their plan's allowOwnKeys; always, without plans. */
  async allowsOwnKeys(userId: string): Promise<boolean> {
    if (!this.catalog) return true;
    return this.planOf(await this.repo.account(userId, this.clock.now())).allowOwnKeys;
  }

  /** Refuses an upload once the person's storage is at their plan's quota. */
  async checkUpload(userId: string): Promise<void> {
    if (!this.catalog) return;
    const account = await this.repo.account(userId, this.clock.now());
    await this.refuseOverStorage(this.planOf(account), userId);
  }

  /**
   * An administrator's correction, positive or negative, with the reason kept in the ledger. Decided under the
   * account's lock like a reservation: a correction never takes the balance below zero, however many race.
   */
  async adjust(userId: string, amount: number, reason: string): Promise<{ balance: number }> {
    const now = this.clock.now();
    return this.repo.transaction(async (trx) => {
      const account = await this.repo.lockAccount(trx, userId, now);
      if (this.catalog) await this.grantCycle(account, this.planOf(account), now, trx);
      const balance = await this.repo.balance(userId, trx);
      if (balance + amount < 0) {
        throw new AppError('INVALID_STATE',
          `The balance is ${balance} credits: taking ${-amount} would make it negative. Take at most ${balance}.`, { balance });
      }
      await this.repo.append({ userId, kind: 'adjust', amount, reason, at: now }, trx);
      return { balance: balance + amount };
    });
  }

  async summary(userId: string): Promise<BillingSummary> {
    const storageBytes = await this.storage.bytesUsed(userId);
    if (!this.catalog) {
      return {
        plan: null, unlimited: true, balance: null, usage: { creditsThisCycle: 0, storageBytes, storageQuotaBytes: null },
        cycleStartedAt: null, renewsAt: null, subscription: null, payments: false, plans: [], creditPacks: [],
      };
    }
    const now = this.clock.now();
    const { account, plan } = await this.currentAccount(userId, now);
    const cycle = cycleAt(account.cycle_anchor, now);
    const { stripePriceId: _price, ...shown } = plan;
    return {
      plan: shown,
      unlimited: false,
      balance: await this.repo.balance(userId),
      usage: {
        creditsThisCycle: await this.repo.spentSince(userId, cycle.start),
        storageBytes,
        storageQuotaBytes: plan.storageQuotaMiB > 0 ? plan.storageQuotaMiB * MIB : null,
      },
      cycleStartedAt: new Date(cycle.start).toISOString(),
      renewsAt: new Date(account.renews_at ?? cycle.end).toISOString(),
      subscription: account.subscription_status ? { status: account.subscription_status } : null,
      payments: this.payments,
      plans: this.catalog.plans.map((p) => ({ id: p.id, name: p.name, monthlyCredits: p.monthlyCredits, purchasable: this.payments && p.stripePriceId !== null })),
      creditPacks: this.catalog.creditPacks.map((p) => ({ id: p.id, credits: p.credits, purchasable: this.payments && p.stripePriceId !== null })),
    };
  }

  /** The plan that applies to an account (none yet: the default plan), as the admin console lists it; null without plans. */
  planShownFor(account: Pick<BillingAccount, 'plan_id' | 'subscription_status'>): { id: string; name: string } | null {
    if (!this.catalog) return null;
    const { id, name } = this.planOf(account);
    return { id, name };
  }

  /** The plan that applies: the subscribed one while the subscription is live, else the default. */
  planOf(account: Pick<BillingAccount, 'plan_id' | 'subscription_status'>): Plan {
    const catalog = this.catalog!;
    const subscribed = account.subscription_status === null || LIVE_SUBSCRIPTION.has(account.subscription_status);
    const id = subscribed && account.plan_id ? account.plan_id : catalog.defaultPlan;
    return catalog.plans.find((p) => p.id === id) ?? catalog.plans.find((p) => p.id === catalog.defaultPlan)!;
  }

  /** The person's account and plan, with this cycle's credits granted. */
  private async currentAccount(userId: string, now: number): Promise<{ account: BillingAccount; plan: Plan }> {
    const account = await this.repo.account(userId, now);
    const plan = this.planOf(account);
    await this.grantCycle(account, plan, now);
    return { account, plan };
  }

  /** The plan's monthly credits for the cycle now running, once per plan and cycle (written lazily, when first needed). */
  private async grantCycle(account: BillingAccount, plan: Plan, now: number, db?: Kysely<Database>): Promise<void> {
    if (plan.monthlyCredits === 0) return;
    const { start } = cycleAt(account.cycle_anchor, now);
    await this.repo.append({
      userId: account.user_id, kind: 'grant', amount: plan.monthlyCredits, reason: `${plan.name} plan, monthly credits`,
      entryKey: `grant:${account.user_id}:${plan.id}:${start}`, at: now,
    }, db);
  }

  private async refuseOverStorage(plan: Plan, userId: string): Promise<void> {
    if (plan.storageQuotaMiB === 0) return;
    if ((await this.storage.bytesUsed(userId)) < plan.storageQuotaMiB * MIB) return;
    throw planLimit('storageQuotaMiB',
      `Your storage is full (${plan.storageQuotaMiB} MiB on the ${plan.name} plan). Delete images and empty the trash, or upgrade your plan.`);
  }
}

function refuseOverPlan(plan: Plan, req: RequestShape): void {
  // The plan's engine list is about what the server pays for: on their own key a person may use any engine it offers.
  if (!req.providerKeyId && !plan.engines.includes(req.engine)) {
    throw planLimit('engines', `Your ${plan.name} plan does not include the ${req.engine} engine. Choose one of: ${plan.engines.join(', ')}, or upgrade your plan.`);
  }
  if (plan.maxSetSize > 0 && req.count > plan.maxSetSize) {
    throw planLimit('maxSetSize', `Your ${plan.name} plan makes at most ${plan.maxSetSize} images per request. Ask for ${plan.maxSetSize} or fewer, or upgrade your plan.`);
  }
}

/** What a request costs on the plan: nothing on the person's own key. */
const costOf = (plan: Plan, req: RequestShape) => (req.providerKeyId ? 0 : creditsPerImage(plan, req.engine, req.width, req.height) * req.count);

const renewalDay = (account: Pick<BillingAccount, 'cycle_anchor'>, now: number) => new Date(cycleAt(account.cycle_anchor, now).end).toISOString().slice(0, 10);

const planLimit = (limit: string, message: string) => new AppError('PLAN_LIMIT', message, { limit });
