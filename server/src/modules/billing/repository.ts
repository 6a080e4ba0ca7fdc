import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../../db/database.js';
import { serializeOnRow } from '../../db/dialect.js';
import type { CreditEntryKind } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';

export type BillingAccount = Awaited<ReturnType<BillingRepository['account']>>;
type Executor = Kysely<Database>;

export interface NewEntry {
  userId: string;
  kind: CreditEntryKind;
  amount: number;
  generationId?: string | null;
  reason?: string | null;
  entryKey?: string | null;
  at: number;
}

export type SubscriptionUpdate = Partial<Pick<Database['billing_accounts'],
  'plan_id' | 'stripe_customer_id' | 'stripe_subscription_id' | 'subscription_status' | 'renews_at' | 'cycle_anchor' | 'subscription_event_at'>>;

/** Billing accounts and the append-only credit ledger. Nothing here updates or deletes a ledger row, except erasure. */
export class BillingRepository {
  constructor(private readonly db: Db) {}

  /** The person's account, made on first use (its cycle starts then). */
  async account(userId: string, at: number, db: Executor = this.db) {
    await db.insertInto('billing_accounts').values({ user_id: userId, plan_id: null, cycle_anchor: at, created_at: at })
      .onConflict((oc) => oc.column('user_id').doNothing()).execute();
    return db.selectFrom('billing_accounts').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** In a transaction: makes the account and holds it until the end, so one person's credit decisions run one at a time. */
  async lockAccount(trx: Executor, userId: string, at: number): Promise<BillingAccount> {
    await this.account(userId, at, trx);
    await serializeOnRow(trx, 'billing_accounts', userId, 'user_id');
    return trx.selectFrom('billing_accounts').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  }

  findAccount(userId: string) {
    return this.db.selectFrom('billing_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async balance(userId: string, db: Executor = this.db): Promise<number> {
    const row = await db.selectFrom('credit_ledger').select((eb) => eb.fn.sum<number>('amount').as('total'))
      .where('user_id', '=', userId).executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  /** Credits taken by reservations since `since`, less their refunds: what the person spent this cycle. */
  async spentSince(userId: string, since: number): Promise<number> {
    const row = await this.db.selectFrom('credit_ledger').select((eb) => eb.fn.sum<number>('amount').as('total'))
      .where('user_id', '=', userId).where('kind', 'in', ['reserve', 'refund']).where('created_at', '>=', since).executeTakeFirst();
    return -Number(row?.total ?? 0);
  }

  /** Appends an entry; false when one with the same entry key exists (it was written before). */
  async append(e: NewEntry, db: Executor = this.db): Promise<boolean> {
    const result = await db.insertInto('credit_ledger').values({
      id: newId(), user_id: e.userId, kind: e.kind, amount: e.amount, generation_id: e.generationId ?? null,
      reason: e.reason ?? null, entry_key: e.entryKey ?? null, created_at: e.at,
    }).onConflict((oc) => oc.column('entry_key').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  reservationOf(generationId: string) {
    return this.db.selectFrom('credit_ledger').selectAll()
      .where('generation_id', '=', generationId).where('kind', '=', 'reserve').executeTakeFirst();
  }

  entriesOf(userId: string) {
    return this.db.selectFrom('credit_ledger').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  async updateAccount(userId: string, change: SubscriptionUpdate, db: Executor = this.db): Promise<void> {
    await db.updateTable('billing_accounts').set(change).where('user_id', '=', userId).execute();
  }

  findAccountBy(column: 'stripe_customer_id' | 'stripe_subscription_id', value: string, db: Executor = this.db) {
    return db.selectFrom('billing_accounts').selectAll().where(column, '=', value).executeTakeFirst();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('credit_ledger').where('user_id', '=', userId).execute();
      await trx.deleteFrom('billing_accounts').where('user_id', '=', userId).execute();
    });
  }
}
