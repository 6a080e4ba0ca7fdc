import type { Db } from '../../db/database.js';
import { PreparedQuery } from '../../db/prepared-query.js';
import type { ApiToken, User } from '../../db/schema.js';

/** Columns of `api_tokens` as the joined lookup names them (`t_<column>`), apart from the user's own. */
const TOKEN_COLUMNS = ['id', 'user_id', 'name', 'token_hash', 'prefix', 'scopes', 'created_at', 'last_used_at', 'expires_at'] as const satisfies
  ReadonlyArray<keyof ApiToken>;

export class ApiTokenRepository {
  /** The token and its user in one statement: every bearer request starts with it. */
  private readonly findByHashQuery = new PreparedQuery((p: { hash: string }) =>
    this.db.selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('u')
      .select(TOKEN_COLUMNS.map((c) => `t.${c} as t_${c}` as const))
      .where('t.token_hash', '=', p.hash));

  constructor(private readonly db: Db) {}

  async findByHashWithUser(hash: string): Promise<{ token: ApiToken; user: User } | undefined> {
    const row = await this.findByHashQuery.executeTakeFirst(this.db, { hash }) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const token = Object.fromEntries(TOKEN_COLUMNS.map((c) => [c, row[`t_${c}`]])) as unknown as ApiToken;
    const user: Record<string, unknown> = { ...row };
    for (const c of TOKEN_COLUMNS) delete user[`t_${c}`];
    return { token, user: user as unknown as User };
  }

  async insert(token: ApiToken): Promise<void> {
    await this.db.insertInto('api_tokens').values(token).execute();
  }

  /** Newest first. */
  listForUser(userId: string): Promise<ApiToken[]> {
    return this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  }

  async countForUser(userId: string): Promise<number> {
    const row = await this.db.selectFrom('api_tokens').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** False when the person has no token with this id. */
  async deleteOwned(userId: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async deleteForUser(userId: string): Promise<number> {
    const res = await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
