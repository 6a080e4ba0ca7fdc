import { sql, type Kysely } from 'kysely';
import { inTransaction } from './helpers.js';

/**
 * The queue's two indexes hold only the jobs they are for: queued jobs in fair order, running jobs by lease. A job
 * that ends leaves both, so they stay as small as the work in flight whatever the history, and each change of a
 * job's state touches one index entry or two instead of four. Queries name the status as a literal: SQLite
 * also picks a partial index for a bound parameter, but then re-plans the statement every time it is bound.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    await sql`drop index jobs_queued`.execute(trx);
    await sql`drop index jobs_lease`.execute(trx);
    await sql`create index jobs_queued on jobs (fair_key, created_at) where status = 'queued'`.execute(trx);
    await sql`create index jobs_lease on jobs (lease_until) where status = 'running'`.execute(trx);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    await sql`drop index jobs_queued`.execute(trx);
    await sql`drop index jobs_lease`.execute(trx);
    await sql`create index jobs_queued on jobs (status, fair_key, created_at)`.execute(trx);
    await sql`create index jobs_lease on jobs (status, lease_until)`.execute(trx);
  });
}
