import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { OutboxMessage } from '../../../db/schema.js';
import { ownedRowPages } from '../../../db/user-pages.js';

/** The outbox table. SQL only: consent checks, retries and headers are decided by Outbox and OutboxDelivery. */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the message unless one with the same dedupe key exists; true when inserted. */
  async insert(row: Omit<OutboxMessage, 'attempts'>): Promise<boolean> {
    const res = await this.db.insertInto('outbox').values(row)
      .onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  find(id: string): Promise<OutboxMessage | undefined> {
    return this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first, for the admin view. */
  list(limit: number, status?: OutboxMessage['status']): Promise<OutboxMessage[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (status) q = q.where('status', '=', status);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Ids of messages due now: pending and due, or stuck in 'sending' past their lease (the sender died). */
  async due(now: number, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('outbox').select('id')
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]))
      .orderBy('next_attempt_at').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Takes one due message for sending (one attempt more); undefined when another sender took it first. */
  async claim(id: string, now: number, leaseUntil: number): Promise<OutboxMessage | undefined> {
    const res = await this.db.updateTable('outbox')
      .set({ status: 'sending', lease_until: leaseUntil, attempts: sql<number>`attempts + 1` })
      .where('id', '=', id)
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0 ? this.find(id) : undefined;
  }

  async settle(id: string, patch: Partial<Pick<OutboxMessage, 'status' | 'sent_at' | 'next_attempt_at' | 'last_error'>>): Promise<void> {
    await this.db.updateTable('outbox').set({ ...patch, lease_until: null }).where('id', '=', id).execute();
  }

  /** Optional messages of the person not sent yet are dropped when they unsubscribe. */
  async suppressOptional(userId: string): Promise<number> {
    const res = await this.db.updateTable('outbox').set({ status: 'suppressed', lease_until: null })
      .where('user_id', '=', userId).where('essential', '=', 0).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /**
   * Messages older than `cutoff`, whatever became of them (without SMTP they are never sent: the outbox is only
   * a place for admins to read them), except one being sent right now.
   */
  async deleteOlderThan(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('outbox').where('status', '!=', 'sending')
      .where('created_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Every message to or about the person, oldest first, in keyset pages (the personal data export). */
  pagesForUser(userId: string, pageSize: number): AsyncGenerator<OutboxMessage[]> {
    return ownedRowPages(this.db, 'outbox', userId, pageSize);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('outbox').where('user_id', '=', userId).execute();
  }
}
