import type { Db } from '../../db/database.js';
import type { NewUser, Session, User, UserUpdate } from '../../db/schema.js';

export class UserRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEmail(email: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Inserts the user, making them admin when they are the first account, in one transaction. */
  async insertFirstIsAdmin(user: Omit<NewUser, 'role'>): Promise<User> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      const role = existing ? 'user' : 'admin';
      await trx.insertInto('users').values({ ...user, role }).execute();
      return trx.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    });
  }

  async update(id: string, patch: UserUpdate): Promise<void> {
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }
}

export class SessionRepository {
  constructor(private readonly db: Db) {}

  async insert(session: Session): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  find(id: string): Promise<Session | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listForUser(userId: string): Promise<Session[]> {
    return this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute();
  }

  async touch(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async deleteExpired(now: number): Promise<number> {
    const res = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async record(event: { userId: string | null; type: string; ip: string | null; detail?: string; at: number }): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({ user_id: event.userId, type: event.type, ip: event.ip, detail: event.detail ?? null, created_at: event.at })
      .execute();
  }
}
