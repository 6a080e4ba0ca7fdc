import type { Selectable } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** Tables of rows a person owns outright, keyed by (created_at, id). */
type OwnedTable = 'generations' | 'assets' | 'outbox';

/**
 * Every row of one person in `table`, as keyset pages in (created_at, id) order: the caller never holds a whole
 * library in memory. Only the repositories of the owning modules call this.
 */
export async function* ownedRowPages<T extends OwnedTable>(db: Db, table: T, userId: string, pageSize: number): AsyncGenerator<Selectable<Database[T]>[]> {
  let after: { createdAt: number; id: string } | undefined;
  for (;;) {
    let q = db.selectFrom(table as OwnedTable).selectAll().where('user_id', '=', userId);
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([eb('created_at', '>', a.createdAt), eb.and([eb('created_at', '=', a.createdAt), eb('id', '>', a.id)])]));
    }
    const rows = (await q.orderBy('created_at').orderBy('id').limit(pageSize).execute()) as Selectable<Database[T]>[];
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1] as { created_at: number; id: string };
    after = { createdAt: last.created_at, id: last.id };
  }
}
