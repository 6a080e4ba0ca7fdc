import { DAY_MS, type Clock } from '../../../lib/clock.js';
import type { UsageAnalytics } from '../analytics/service.js';
import type { ExportService } from '../export/service.js';
import type { Outbox } from '../outbox/service.js';
import type { JobQueue } from '../../../queue/job-queue.js';
import type { AuditRepository } from '../../auth/repository.js';
import type { EngineHealthRepository } from '../../../engines/health-repository.js';

export interface RetentionReport {
  auditEvents: number;
  finishedJobs: number;
  expiredExports: number;
  exportRecords: number;
  emails: number;
  /** Provider call logs (engine_runs), on the same ATELIER_LOG_RETENTION_DAYS as every other log. */
  engineRuns: number;
  visitorSalts: number;
  analyticsDays: number;
}

export interface RetentionDeps {
  auditEvents: Pick<AuditRepository, 'deleteBefore'>;
  jobs: Pick<JobQueue, 'purgeEndedBefore'>;
  exports: Pick<ExportService, 'expire' | 'deleteEndedBefore'>;
  outbox: Pick<Outbox, 'deleteOlderThan'>;
  engineRuns: Pick<EngineHealthRepository, 'deleteBefore'>;
  analytics: Pick<UsageAnalytics, 'applyRetention'>;
  clock: Clock;
  config: { logRetentionDays: number };
}

/**
 * The retention part of the daily maintenance, each period from configuration: sign-in, provider and operational logs,
 * finished jobs and emails after ATELIER_LOG_RETENTION_DAYS; export files when they expire
 * (ATELIER_EXPORT_RETENTION_DAYS); visitor salts once their day is over; daily totals after
 * ATELIER_ANALYTICS_RETENTION_DAYS. (Trash and sessions are purged by the maintenance run itself.)
 */
export async function applyRetention(d: RetentionDeps): Promise<RetentionReport> {
  const cutoff = d.clock.now() - d.config.logRetentionDays * DAY_MS;
  const auditEvents = await d.auditEvents.deleteBefore(cutoff);
  const finishedJobs = await d.jobs.purgeEndedBefore(cutoff);
  const expiredExports = await d.exports.expire();
  const exportRecords = await d.exports.deleteEndedBefore(cutoff);
  const emails = await d.outbox.deleteOlderThan(cutoff);
  const engineRuns = await d.engineRuns.deleteBefore(cutoff);
  const { salts: visitorSalts, counts: analyticsDays } = await d.analytics.applyRetention();
  return { auditEvents, finishedJobs, expiredExports, exportRecords, emails, engineRuns, visitorSalts, analyticsDays };
}
