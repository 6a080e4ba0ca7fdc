import type { Db } from '../../db/database.js';
import { PreparedQuery } from '../../db/prepared-query.js';
import { serializeWritersOf } from '../../db/dialect.js';
import type { NewUser, Session, User, UserUpdate } from '../../db/schema.js';

/** Columns of `sessions` as the joined lookup names them (`s_<column>`), apart from the user's own. */
const SESSION_COLUMNS = ['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'] as const satisfies
  ReadonlyArray<keyof Session>;

export class UserRepository {
  private readonly findByIdQuery = new PreparedQuery((p: { id: string }) =>
    this.db.selectFrom('users').selectAll().where('id', '=', p.id));

  constructor(private readonly db: Db) {}

  findById(id: string): Promise<User | undefined> {
    return this.findByIdQuery.executeTakeFirst(this.db, { id });
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
      await serializeWritersOf(trx, 'users');
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
  /** The session and its user in one statement: every authenticated request starts with it. */
  private readonly findWithUserQuery = new PreparedQuery((p: { id: string }) =>
    this.db.selectFrom('sessions as s')
      .leftJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select(SESSION_COLUMNS.map((c) => `s.${c} as s_${c}` as const))
      .where('s.id', '=', p.id));

  private readonly touchQuery = new PreparedQuery((p: { id: string; lastSeenAt: number; expiresAt: number }) =>
    this.db.updateTable('sessions').set({ last_seen_at: p.lastSeenAt, expires_at: p.expiresAt }).where('id', '=', p.id));

  constructor(private readonly db: Db) {}

  /** The session with this id and its user (undefined when the user row is gone). */
  async findWithUser(id: string): Promise<{ session: Session; user: User | undefined } | undefined> {
    const row = await this.findWithUserQuery.executeTakeFirst(this.db, { id }) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const session = Object.fromEntries(SESSION_COLUMNS.map((c) => [c, row[`s_${c}`]])) as unknown as Session;
    if (row.id === null) return { session, user: undefined };
    const user: Record<string, unknown> = { ...row };
    for (const c of SESSION_COLUMNS) delete user[`s_${c}`];
    return { session, user: user as unknown as User };
  }

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
    await this.touchQuery.executeChanges(this.db, { id, lastSeenAt, expiresAt });
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
