import type { Db } from '../../../db/database.js';
import type { ConsentPurpose, ConsentsTable } from '../../../db/schema.js';
import type { Selectable } from 'kysely';

export type ConsentRow = Selectable<ConsentsTable>;

export interface NewConsent {
  userId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string | null;
  at: number;
}

/** Consent history (table consents): rows are appended, never updated or deleted one by one. */
export class ConsentRepository {
  constructor(private readonly db: Db) {}

  /** Every row of the user, oldest first. */
  history(userId: string): Promise<ConsentRow[]> {
    return this.db.selectFrom('consents').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('consents').where('user_id', '=', userId).execute();
  }

  async append(rows: readonly NewConsent[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('consents')
      .values(rows.map((r) => ({
        user_id: r.userId, purpose: r.purpose, granted: r.granted ? 1 : 0, policy_version: r.policyVersion, created_at: r.at,
      })))
      .execute();
  }

  /** Ids of the people whose latest row for `purpose` grants it, in a stable order. */
  async usersGranting(purpose: ConsentPurpose): Promise<string[]> {
    const rows = await this.db
      .selectFrom('consents as c')
      .select('c.user_id')
      .where('c.purpose', '=', purpose)
      .where('c.granted', '=', 1)
      .where('c.id', '=', (eb) =>
        eb.selectFrom('consents as latest')
          .select((e) => e.fn.max('latest.id').as('id'))
          .whereRef('latest.user_id', '=', 'c.user_id')
          .where('latest.purpose', '=', purpose),
      )
      .orderBy('c.user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }
}
