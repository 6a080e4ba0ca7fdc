import type { DataCommsMaintenanceReport } from './modules/privacy/data-comms.js';
import type { Services } from './services.js';
import { DAY_MS } from './lib/clock.js';
import { rotateBackups } from './modules/privacy/backup/backup-folder.js';
import { dailySlot, ScheduleRuns } from './schedule/schedule-runs.js';

export interface MaintenanceReport extends DataCommsMaintenanceReport {
  purgedAssets: number;
  expiredSessions: number;
  /** Password reset and verification links, and half-done MFA logins, past their expiry. */
  expiredAccountLinks: number;
  /** Accounts whose deletion grace period ended: every row and blob erased, data key destroyed. */
  purgedAccounts: number;
  /** Backups older than ATELIER_BACKUP_KEEP_DAYS removed from ATELIER_BACKUP_DIR. */
  removedBackups: number;
  /** Records of scheduled runs older than ATELIER_LOG_RETENTION_DAYS. */
  scheduleRuns: number;
  /** Rate-limit buckets full again, forgotten. */
  rateLimitBuckets: number;
  /** Support messages older than ATELIER_SUPPORT_RETENTION_DAYS. */
  supportMessages: number;
  /** Content reports closed more than ATELIER_REPORT_RETENTION_DAYS ago. */
  closedReports: number;
}

/** The daily housekeeping: trash past its retention is purged (blobs included), expired sessions removed. */
export async function runMaintenance(services: Services): Promise<MaintenanceReport> {
  const purgedAssets = await services.assets.purgeExpiredTrash();
  const expiredSessions = await services.auth.deleteExpiredSessions();
  const expiredAccountLinks = await services.accounts.deleteExpired();
  const purgedAccounts = await services.deletion.purgeDue();
  const { backupDir, backupKeepDays, logRetentionDays } = services.config.privacy;
  const removedBackups = (await rotateBackups(backupDir, backupKeepDays, services.clock.now())).length;
  // Retention (logs, exports, emails, analytics) and the announcement of a material policy change.
  const comms = await services.comms.maintain();
  const scheduleRuns = await new ScheduleRuns(services.db).deleteStartedBefore(services.clock.now() - logRetentionDays * DAY_MS);
  const rateLimitBuckets = await services.rateLimits.prune();
  const supportMessages = await services.support.deleteExpired();
  const closedReports = await services.reports.deleteExpired();
  return { purgedAssets, expiredSessions, expiredAccountLinks, purgedAccounts, removedBackups, ...comms, scheduleRuns, rateLimitBuckets, supportMessages, closedReports };
}

const MAINTENANCE = 'maintenance';

/**
 * Runs maintenance for the current UTC day unless a process on the same database (this one included) already
 * claimed that day: undefined then. A run that fails keeps its claim, and the next day's run catches up.
 */
export async function runDailyMaintenance(services: Services): Promise<MaintenanceReport | undefined> {
  const runs = new ScheduleRuns(services.db);
  const slot = dailySlot(services.clock.now());
  if (!(await runs.claim(MAINTENANCE, slot, services.clock.now()))) return undefined;
  const report = await runMaintenance(services);
  await runs.finish(MAINTENANCE, slot, services.clock.now());
  return report;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Every process tries a minute after start, then hourly; the day's first try anywhere runs maintenance, so it
 * runs once a day however many API and worker processes there are.
 */
export function scheduleMaintenance(services: Services, log: (msg: string, err?: unknown) => void): () => void {
  const tick = () =>
    runDailyMaintenance(services).then(
      (r) => r && log(`maintenance: ${JSON.stringify(r)}`),
      (err) => log('maintenance failed', err),
    );
  const first = setTimeout(tick, MINUTE_MS);
  const hourly = setInterval(tick, HOUR_MS);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
