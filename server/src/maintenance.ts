import type { DataCommsMaintenanceReport } from './modules/privacy/data-comms.js';
import type { Services } from './services.js';
import { rotateBackups } from './modules/privacy/backup/backup-folder.js';

export interface MaintenanceReport extends DataCommsMaintenanceReport {
  purgedAssets: number;
  expiredSessions: number;
  /** Accounts whose deletion grace period ended: every row and blob erased, data key destroyed. */
  purgedAccounts: number;
  /** Backups older than ATELIER_BACKUP_KEEP_DAYS removed from ATELIER_BACKUP_DIR. */
  removedBackups: number;
}

/** The daily housekeeping: trash past its retention is purged (blobs included), expired sessions removed. */
export async function runMaintenance(services: Services): Promise<MaintenanceReport> {
  const purgedAssets = await services.assets.purgeExpiredTrash();
  const expiredSessions = await services.auth.deleteExpiredSessions();
  const purgedAccounts = await services.deletion.purgeDue();
  const { backupDir, backupKeepDays } = services.config.privacy;
  const removedBackups = (await rotateBackups(backupDir, backupKeepDays, services.clock.now())).length;
  // Retention (logs, exports, emails, analytics) and the announcement of a material policy change.
  const comms = await services.comms.maintain();
  return { purgedAssets, expiredSessions, purgedAccounts, removedBackups, ...comms };
}

const HOUR_MS = 3_600_000;

/** Runs maintenance once shortly after start, then every 24 hours. */
export function scheduleMaintenance(services: Services, log: (msg: string, err?: unknown) => void): () => void {
  const tick = () =>
    runMaintenance(services).then(
      (r) => log(`maintenance: ${JSON.stringify(r)}`),
      (err) => log('maintenance failed', err),
    );
  const first = setTimeout(tick, 60_000);
  const daily = setInterval(tick, 24 * HOUR_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
