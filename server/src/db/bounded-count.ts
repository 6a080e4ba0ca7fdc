import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from './database.js';

/** Where a bounded count stops: a list's total is exact below it and "more than this" above. */
export const COUNT_CAP = 10_000;

export interface BoundedCount {
  /** How many rows match, at most `cap`. */
  n: number;
  /** True when more than `n` rows match (the count stopped at the cap). */
  capped: boolean;
}

/**
 * Counts the rows a list query would return, stopping after `cap + 1`: the cost is bounded by the cap, not by the
 * size of the library, for the filters no counter is kept for (search text, album, tag).
 */
export async function boundedCount(db: Db, query: SelectQueryBuilder<any, any, any>, cap = COUNT_CAP): Promise<BoundedCount> {
  const rows = query.clearSelect().clearOrderBy().clearLimit().select(sql<number>`1`.as('one')).limit(cap + 1);
  const row = await db.selectFrom(rows.as('matching')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const counted = Number(row?.n ?? 0);
  return { n: Math.min(counted, cap), capped: counted > cap };
}
