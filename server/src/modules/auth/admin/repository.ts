import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import { likeIgnoringAsciiCase } from '../../../db/dialect.js';
import type { User } from '../../../db/schema.js';

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  status: User['status'];
  created_at: number;
  email_verified_at: number | null;
  suspension_reason: string | null;
  /** The latest a session of theirs was seen. */
  last_active: number | string | null;
  /** The latest one of their API tokens was used. */
  token_last_used: number | string | null;
  images: number | string;
  storage_bytes: number | string;
  mfa: number | string;
  /** The person's billing account (null when they have none yet: the default plan). */
  plan_id: string | null;
  subscription_status: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The administrators' view of accounts: one page of users with their activity and library size. */
export class AdminUserRepository {
  constructor(private readonly db: Db) {}

  page(q: string | undefined, afterId: string, limit: number): Promise<AdminUserRow[]> {
    let query = this.db.selectFrom('users as u')
      .leftJoin('billing_accounts as b', 'b.user_id', 'u.id')
      .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.status', 'u.created_at', 'u.email_verified_at', 'u.suspension_reason', 'b.plan_id', 'b.subscription_status'])
      .select((eb) => [
        eb.selectFrom('sessions as s').select(sql<number | null>`max(s.last_seen_at)`.as('m')).whereRef('s.user_id', '=', 'u.id').as('last_active'),
        eb.selectFrom('api_tokens as k').select(sql<number | null>`max(k.last_used_at)`.as('m')).whereRef('k.user_id', '=', 'u.id').as('token_last_used'),
        eb.selectFrom('assets as a').select(eb.fn.countAll().as('n')).whereRef('a.user_id', '=', 'u.id').where('a.deleted_at', 'is', null).as('images'),
        eb.selectFrom('assets as a').select(sql<number>`coalesce(sum(a.bytes), 0)`.as('b')).whereRef('a.user_id', '=', 'u.id').as('storage_bytes'),
        eb.selectFrom('mfa_totp as m').select(eb.fn.countAll().as('n')).whereRef('m.user_id', '=', 'u.id').where('m.confirmed_at', 'is not', null).as('mfa'),
      ])
      .where('u.id', '>', afterId);
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      query = query.where((eb) => eb.or([likeIgnoringAsciiCase(this.db, eb.ref('u.email'), pattern), likeIgnoringAsciiCase(this.db, eb.ref('u.name'), pattern)]));
    }
    return query.orderBy('u.id').limit(limit).execute() as Promise<AdminUserRow[]>;
  }

  async countAdmins(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Moves the account between active and suspended; false when it was not in `from`. */
  async setSuspended(id: string, from: User['status'], to: User['status'], reason: string | null, at: number): Promise<boolean> {
    const res = await this.db.updateTable('users').set({ status: to, suspension_reason: reason, updated_at: at })
      .where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
