import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { PreparedQuery } from '../../db/prepared-query.js';
import { serializeWritersOf } from '../../db/dialect.js';
import type { Database, NewUser, Session, User, UserUpdate } from '../../db/schema.js';
import { chunks } from '../../lib/chunks.js';

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
    return (await this.insertSerialised(user, 'user'))!;
  }

  /**
   * Inserts the user as the administrator only while there is no account at all (the first run); undefined when
   * another account exists by then.
   */
  insertIfFirst(user: Omit<NewUser, 'role'>): Promise<User | undefined> {
    return this.insertSerialised(user, null);
  }

  /** In a transaction concurrent inserts wait on: the first account is the admin; any other gets `otherRole`, or is not inserted (null). */
  private insertSerialised(user: Omit<NewUser, 'role'>, otherRole: 'user' | null): Promise<User | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await serializeWritersOf(trx, 'users');
      const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      const role = existing ? otherRole : 'admin';
      if (!role) return undefined;
      await trx.insertInto('users').values({ ...user, role }).execute();
      return trx.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    });
  }

  async update(id: string, patch: UserUpdate): Promise<void> {
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  /** Those of `ids` whose account is active. */
  async activeAmong(ids: readonly string[]): Promise<Set<string>> {
    const active = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await this.db.selectFrom('users').select('id').where('id', 'in', part).where('status', '=', 'active').execute();
      for (const r of rows) active.add(r.id);
    }
    return active;
  }

  /** One page (by id) of the active accounts created before `before`. */
  activeCreatedBefore(before: number, afterId: string, limit: number): Promise<Pick<User, 'id' | 'email' | 'name' | 'language'>[]> {
    return this.db.selectFrom('users').select(['id', 'email', 'name', 'language'])
      .where('status', '=', 'active').where('created_at', '<', before).where('id', '>', afterId)
      .orderBy('id').limit(limit).execute();
  }

  /** Moves the account from one status to another; false when it was not in `from`. `db` may be a transaction. */
  async changeStatus(id: string, from: User['status'], to: User['status'], at: number, db: Kysely<Database> = this.db): Promise<boolean> {
    const res = await db.updateTable('users').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
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

  /** Oldest first, as the person's export lists them. */
  listForUserByCreation(userId: string): Promise<Session[]> {
    return this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async touch(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.touchQuery.executeChanges(this.db, { id, lastSeenAt, expiresAt });
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** `db` may be a transaction. */
  async deleteForUser(userId: string, exceptId?: string, db: Kysely<Database> = this.db): Promise<number> {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async deleteExpired(now: number): Promise<number> {
    const res = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

type AuditRow = { id: number; type: string; ip: string | null; detail: string | null; created_at: number };
type AuditQuery = SelectQueryBuilder<Database, 'audit_events', AuditRow>;

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async record(event: { userId: string | null; type: string; ip: string | null; detail?: string; at: number }): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({ user_id: event.userId, type: event.type, ip: event.ip, detail: event.detail ?? null, created_at: event.at })
      .execute();
  }

  /** The person's own events (sign-ins, changes to their account), oldest first, in pages of `pageSize`. */
  pagesForUser(userId: string, pageSize: number): AsyncGenerator<AuditRow[]> {
    return this.pages((q) => q.where('user_id', '=', userId), pageSize);
  }

  /**
   * Administrators' actions on the person's account (their `detail` names the person as its target), oldest first.
   * Ids are UUIDs (hex and dashes), so the LIKE pattern holds no wildcard of the person's making.
   */
  pagesAbout(userId: string, pageSize: number): AsyncGenerator<AuditRow[]> {
    return this.pages((q) => q.where('type', 'like', 'admin.%').where('detail', 'like', `%"target":${JSON.stringify(userId)}%`), pageSize);
  }

  private async *pages(filter: (q: AuditQuery) => AuditQuery, pageSize: number): AsyncGenerator<AuditRow[]> {
    for (let after = 0; ;) {
      const rows = await filter(this.db.selectFrom('audit_events').select(['id', 'type', 'ip', 'detail', 'created_at']))
        .where('id', '>', after).orderBy('id').limit(pageSize).execute();
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.id);
    }
  }

  /** How many events of `type` the person's log holds (within its retention). */
  async countOfType(userId: string, type: string): Promise<number> {
    const row = await this.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).where('type', '=', type).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('audit_events').where('user_id', '=', userId).execute();
  }

  /** Administrators' actions (type `admin.*`, `user_id` the administrator), newest first, before the id `before`. */
  listAdminActions(before: number | undefined, limit: number) {
    let q = this.db.selectFrom('audit_events as e').leftJoin('users as u', 'u.id', 'e.user_id')
      .select(['e.id', 'e.user_id', 'u.email', 'e.type', 'e.ip', 'e.detail', 'e.created_at'])
      .where('e.type', 'like', 'admin.%');
    if (before !== undefined) q = q.where('e.id', '<', before);
    return q.orderBy('e.id', 'desc').limit(limit).execute();
  }

  /** Retention of the sign-in and security log. */
  async deleteBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('audit_events').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
