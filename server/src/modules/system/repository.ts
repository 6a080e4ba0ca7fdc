import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The readiness probe's view of the database. */
export class SystemRepository {
  constructor(private readonly db: Db) {}

  /** Throws when the database does not answer. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}
