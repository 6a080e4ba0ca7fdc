import type { Db } from '../../db/database.js';
import type { ContentReport, ReportStatus } from '../../db/schema.js';
import type { Keyset } from '../../lib/cursor.js';

export class ReportRepository {
  constructor(private readonly db: Db) {}

  async insert(report: ContentReport): Promise<void> {
    await this.db.insertInto('content_reports').values(report).execute();
  }

  find(id: string): Promise<ContentReport | undefined> {
    return this.db.selectFrom('content_reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The reporter's open report of this image, if they already made one. */
  findOpenBy(reporterId: string, assetId: string): Promise<ContentReport | undefined> {
    return this.db.selectFrom('content_reports').selectAll()
      .where('reporter_id', '=', reporterId).where('asset_id', '=', assetId).where('status', '=', 'open').executeTakeFirst();
  }

  /** Reports in one state, oldest first for the open queue (first come, first reviewed), newest first otherwise. */
  page(status: ReportStatus, after: Keyset | undefined, limit: number): Promise<ContentReport[]> {
    const order = status === 'open' ? 'asc' : 'desc';
    let q = this.db.selectFrom('content_reports').selectAll().where('status', '=', status);
    if (after) {
      const cmp = order === 'asc' ? '>' : '<';
      q = q.where((eb) => eb.or([
        eb('created_at', cmp, after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', cmp, after.id)]),
      ]));
    }
    return q.orderBy('created_at', order).orderBy('id', order).limit(limit).execute();
  }

  /** Closes the report if still open; false when someone else closed it first. */
  async resolve(id: string, status: Exclude<ReportStatus, 'open'>, adminId: string, at: number): Promise<boolean> {
    const r = await this.db.updateTable('content_reports').set({ status, resolved_at: at, resolved_by: adminId })
      .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Every other open report of an image that is gone now is answered by its removal. */
  async resolveOpenOfAsset(assetId: string, adminId: string, at: number): Promise<number> {
    const r = await this.db.updateTable('content_reports').set({ status: 'removed', resolved_at: at, resolved_by: adminId })
      .where('asset_id', '=', assetId).where('status', '=', 'open').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** How the account's images were reported before: counts per state. */
  async countsAbout(ownerId: string): Promise<Partial<Record<ReportStatus, number>>> {
    const rows = await this.db.selectFrom('content_reports').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('owner_id', '=', ownerId).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  listBy(reporterId: string): Promise<ContentReport[]> {
    return this.db.selectFrom('content_reports').selectAll().where('reporter_id', '=', reporterId).orderBy('created_at').orderBy('id').execute();
  }

  listAbout(ownerId: string): Promise<ContentReport[]> {
    return this.db.selectFrom('content_reports').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').orderBy('id').execute();
  }

  /** The reporter leaves: closed reports go, open ones stay for review without who made them or their note. */
  async forgetReporter(reporterId: string): Promise<void> {
    await this.db.deleteFrom('content_reports').where('reporter_id', '=', reporterId).where('status', '!=', 'open').execute();
    await this.db.updateTable('content_reports').set({ reporter_id: null, note: null }).where('reporter_id', '=', reporterId).execute();
    await this.db.updateTable('content_reports').set({ resolved_by: null }).where('resolved_by', '=', reporterId).execute();
  }

  async deleteAbout(ownerId: string): Promise<void> {
    await this.db.deleteFrom('content_reports').where('owner_id', '=', ownerId).execute();
  }

  /** Retention: reports closed before `cutoff`. */
  async deleteResolvedBefore(cutoff: number): Promise<number> {
    const r = await this.db.deleteFrom('content_reports').where('status', '!=', 'open').where('resolved_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
