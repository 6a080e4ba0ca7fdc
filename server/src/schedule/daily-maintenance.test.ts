import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { DAY_MS, ManualClock } from '../lib/clock.js';
import { runDailyMaintenance } from '../maintenance.js';
import { createServices, type Services } from '../services.js';
import { tempDir } from '../test-support/temp-dir.js';

const HOUR_MS = 3_600_000;
const dataDir = tempDir();
const clock = new ManualClock(Date.UTC(2026, 6, 1, 23, 0));
let instances: Services[] = [];

beforeAll(async () => {
  // Four processes' worth of services over one database file, as API and worker processes would be.
  for (let i = 0; i < 4; i++) instances.push(await createServices(testConfig(dataDir, { runWorkers: false }), { clock }));
});
afterAll(async () => {
  await Promise.all(instances.map((s) => s.close()));
  instances = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const race = async () => (await Promise.all(instances.map((s) => runDailyMaintenance(s)))).filter((r) => r !== undefined);
const runs = () => instances[0]!.db.selectFrom('schedule_runs').selectAll().orderBy('slot').execute();

it('runs maintenance once per day however many instances race for it', async () => {
  expect(await race()).toHaveLength(1);
  expect(await runs()).toEqual([{ name: 'maintenance', slot: '2026-07-01', started_at: clock.now(), finished_at: clock.now() }]);

  clock.advance(HOUR_MS / 2); // later the same day: already done
  expect(await race()).toEqual([]);

  clock.advance(HOUR_MS); // the next UTC day
  expect(await race()).toHaveLength(1);
  expect((await runs()).map((r) => r.slot)).toEqual(['2026-07-01', '2026-07-02']);
});

it('forgets its runs after the log retention period', async () => {
  const { logRetentionDays } = instances[0]!.config.privacy;
  clock.advance(logRetentionDays * DAY_MS + 1); // past the retention of the second run too
  const [report] = await race();
  expect(report!.scheduleRuns).toBe(2);
  expect((await runs()).map((r) => r.slot)).toEqual([new Date(clock.now()).toISOString().slice(0, 10)]);
});
