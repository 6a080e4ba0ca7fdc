import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from './database.js';
import { likeIgnoringAsciiCase } from './dialect.js';

/** Where a bounded count stops, and how many of the newest rows a search text is counted in. */
export const COUNT_CAP = 10_000;

/** How a list's total was found: counted exactly, counted up to the cap (more match), or estimated from a sample. */
export type TotalAccuracy = 'exact' | 'atLeast' | 'about';

export interface ListTotal {
  total: number | null;
  totalAccuracy?: TotalAccuracy;
}

/**
 * Counts the rows a list query would return, stopping after `cap + 1`: for filters driven by an index range (album,
 * tag) the cost is bounded by the cap, not by the size of the library.
 */
export async function boundedCount(db: Db, query: SelectQueryBuilder<any, any, any>, cap = COUNT_CAP): Promise<ListTotal> {
  const rows = query.clearSelect().clearOrderBy().clearLimit().select(sql<number>`1`.as('one')).limit(cap + 1);
  const row = await db.selectFrom(rows.as('matching')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const counted = Number(row?.n ?? 0);
  return counted > cap ? { total: cap, totalAccuracy: 'atLeast' } : { total: counted, totalAccuracy: 'exact' };
}

/**
 * How many rows of a list match a search text, reading at most the newest `window` rows of the list without the text
 * (`base`, in its list order): exact when the list is no longer than the window, otherwise the share of the window
 * that matches scaled to `baseTotal` (the list's size without the text, when known) and labelled "about"; unknown
 * (null) when the list is longer than the window and its size is not known.
 */
export async function textTotal(
  db: Db,
  base: SelectQueryBuilder<any, any, any>,
  column: string,
  pattern: string,
  baseTotal: number | undefined,
  window = COUNT_CAP,
): Promise<ListTotal> {
  const rows = base.clearSelect().clearLimit().select(sql.ref(column).as('text')).limit(window + 1);
  const matches = likeIgnoringAsciiCase(db, sql.ref('w.text'), pattern);
  const row = await db.selectFrom(rows.as('w'))
    .select([(eb) => eb.fn.countAll<number | string>().as('seen'), sql<number | string>`count(case when ${matches} then 1 end)`.as('matched')])
    .executeTakeFirst();
  const seen = Number(row?.seen ?? 0);
  const matched = Number(row?.matched ?? 0);
  if (seen <= window) return { total: matched, totalAccuracy: 'exact' };
  if (baseTotal === undefined) return { total: null };
  return { total: Math.round((matched * baseTotal) / seen), totalAccuracy: 'about' };
}
