import type { Db } from '../../../db/database.js';

/** Operational records past their retention: the sign-in/security log and finished queue jobs. */
export class LogRetention {
  constructor(private readonly db: Db) {}

  async deleteAuditEventsBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('audit_events').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Jobs that ended (done or canceled) before `cutoff`; queued and running ones are never touched. */
  async deleteFinishedJobsBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('jobs').where('status', 'in', ['done', 'canceled']).where('updated_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
