import { iso, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { ContentReport } from '../../db/schema.js';
import type { ReportRepository } from './repository.js';

const outcome = (r: ContentReport) => ({
  id: r.id, image: r.asset_id, reason: r.reason, status: r.status,
  createdAt: iso(Number(r.created_at)), closedAt: iso(r.resolved_at === null ? null : Number(r.resolved_at)),
});

/**
 * Reports a person made (reports-made.json: what they reported and why) and reports about their images
 * (reports-about-you.json: the reason and outcome, never who reported or their note). On erasure, reports about the
 * person go; of the reports they made, closed ones go and open ones stay for review without the reporter or note.
 */
export class ReportPersonalData implements PersonalData {
  readonly tables = ['content_reports'];
  readonly exported = this.tables;

  constructor(private readonly repo: ReportRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const made = await this.repo.listBy(userId);
    if (made.length > 0) yield { path: 'reports-made.json', json: made.map((r) => ({ ...outcome(r), note: r.note })) };
    const about = await this.repo.listAbout(userId);
    if (about.length > 0) yield { path: 'reports-about-you.json', json: about.map(outcome) };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteAbout(userId);
    await this.repo.forgetReporter(userId);
  }
}
