import type { Services } from './services.js';

export interface MaintenanceReport {
  purgedAssets: number;
  expiredSessions: number;
}

/** The daily housekeeping: trash past its retention is purged (blobs included), expired sessions removed. */
export async function runMaintenance(services: Services): Promise<MaintenanceReport> {
  const purgedAssets = await services.assets.purgeExpiredTrash();
  const expiredSessions = await services.auth.deleteExpiredSessions();
  return { purgedAssets, expiredSessions };
}

const HOUR_MS = 3_600_000;

/** Runs maintenance once shortly after start, then every 24 hours. */
export function scheduleMaintenance(services: Services, log: (msg: string, err?: unknown) => void): () => void {
  const tick = () =>
    runMaintenance(services).then(
      (r) => log(`maintenance: purged ${r.purgedAssets} trashed assets, removed ${r.expiredSessions} expired sessions`),
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
