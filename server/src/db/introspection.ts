import type { Kysely } from 'kysely';

export interface TableColumns {
  name: string;
  columns: string[];
}

/** The app's tables (not the migrator's own) and their column names, on either back-end. */
export async function tablesWithColumns(db: Kysely<any>): Promise<TableColumns[]> {
  const tables = await db.introspection.getTables();
  return tables.filter((t) => !t.isView).map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
}
