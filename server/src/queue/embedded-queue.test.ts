import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { systemClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { tempDir } from '../test-support/temp-dir.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../test-support/test-database.js';
import { EmbeddedJobQueue } from './embedded-queue.js';
import { describeJobQueueContract, until, type QueueOptions } from './job-queue.contract.js';

let dir: string;
let db: Db;
let database: TestDatabase;
let closeDatabase: () => Promise<void>;
const sqliteOnly = it.skipIf(testBackend() !== 'sqlite');
const queues: EmbeddedJobQueue[] = [];

async function openQueueDb() {
  dir = tempDir('atelier-queue-');
  ({ db, database, close: closeDatabase } = await openTestDatabase(dir));
}

async function closeQueueDb() {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
}

function queue(opts: Partial<ConstructorParameters<typeof EmbeddedJobQueue>[2]> = {}) {
  const q = new EmbeddedJobQueue(db, systemClock, { leaseMs: 1000, maxAttempts: 3, pollMs: 20, ...opts });
  queues.push(q);
  return q;
}

const contractOpts = (o: QueueOptions = {}) => ({ leaseMs: o.leaseMs ?? 1000, maxAttempts: o.maxAttempts ?? 3 });

describeJobQueueContract(`embedded (${testBackend()})`, {
  async make(opts) {
    if (!db) await openQueueDb();
    const q = queue(contractOpts(opts));
    return {
      queue: q,
      state: async (id) => (await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst())?.status,
    };
  },
  async takeAndDie(opts) {
    const dead = new EmbeddedJobQueue(db, systemClock, { ...contractOpts(opts), workerId: 'dead', pollMs: 60_000 });
    dead.handle('test', async () => {}, async () => {});
    return (await dead.claim())?.subject_id;
  },
  async cleanup() {
    await closeQueueDb();
    db = undefined as unknown as Db;
  },
});

async function enqueue(q: EmbeddedJobQueue, userId: string, subjectId: string, cost = 1) {
  await q.enqueue({ id: newId(), kind: 'test', subjectId, userId, cost });
}

describe('EmbeddedJobQueue', () => {
  beforeEach(openQueueDb);
  afterEach(closeQueueDb);

  it('gives jobs enqueued at the same moment by one user distinct virtual finish times, one cost apart', async () => {
    const q = queue();
    await Promise.all(Array.from({ length: 6 }, (_, i) => enqueue(q, 'u', `s${i}`, 2)));
    const keys = (await db.selectFrom('jobs').select('fair_key').orderBy('fair_key').execute()).map((r) => r.fair_key);
    expect(keys).toEqual([2, 4, 6, 8, 10, 12]);
  });

  // Separate processes share a PostgreSQL database. SQLite connections in one process cannot stand in for them:
  // its busy timeout is a synchronous wait that stalls the thread of the connection holding the lock too.
  it.skipIf(testBackend() !== 'postgres')('never hands one job to two processes: queues on their own connections take each job exactly once', async () => {
    const seen: string[] = [];
    const connections = [database.connect(), database.connect(), database.connect()];
    try {
      const processes = connections.map((conn, i) => {
        const q = new EmbeddedJobQueue(conn, systemClock, { leaseMs: 5000, maxAttempts: 3, pollMs: 5, workerId: `p${i}` });
        queues.push(q);
        q.handle('test', async ({ job }) => void seen.push(job.subjectId), async () => {});
        return q;
      });
      for (let i = 0; i < 60; i++) await enqueue(processes[0]!, `u${i % 4}`, `s${i}`);
      for (const q of processes) q.start(3);
      await until(() => seen.length >= 60);
      await until(async () => (await db.selectFrom('jobs').where('status', '=', 'done').select('id').execute()).length === 60);
      expect(seen).toHaveLength(60);
      expect(new Set(seen).size).toBe(60);
      const rows = await db.selectFrom('jobs').select(['attempts', 'worker_id']).execute();
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(queues.splice(0).map((q) => q.stop()));
      for (const conn of connections) await conn.destroy();
    }
  });

  // SQLite has one writer at a time; PostgreSQL's row locks let a claim's take run beside other writers anyway.
  sqliteOnly('finds an empty queue without taking the write lock (SQLite only: its single write lock)', async () => {
    const q = queue({ pollMs: 60_000, leaseMs: 60_000 });
    q.handle('test', async () => {}, async () => {});
    expect(await q.claim()).toBeUndefined(); // this first claim also looks for expired leases, which writes
    // Another connection holds the write lock: a claim that tried to take it would wait out the busy timeout and fail.
    const other = new SQLite(database.location.databaseFile);
    other.exec('begin immediate');
    try {
      expect(await q.claim()).toBeUndefined();
    } finally {
      other.exec('rollback');
      other.close();
    }
    await enqueue(q, 'u1', 's1');
    expect((await q.claim())?.subject_id).toBe('s1');
  });

  // The plans asserted are SQLite's (EXPLAIN QUERY PLAN); PostgreSQL's planner scans a table this small whatever the indexes.
  sqliteOnly('finds jobs through the indexes of queued and running jobs, never by scanning the table (SQLite plans)', async () => {
    const file = database.location.databaseFile;
    const seen: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(file) }),
      log: (event) => void (event.level === 'query' && seen.push(event.query)),
    });
    try {
      const q = new EmbeddedJobQueue(logged, systemClock, { leaseMs: 1000, maxAttempts: 3, pollMs: 60_000 });
      q.handle('test', async () => {}, async () => {});
      await enqueue(q, 'u1', 's1');
      seen.length = 0;
      expect((await q.claim())?.subject_id).toBe('s1'); // the first claim also looks for expired leases
    } finally {
      await logged.destroy();
    }
    const reader = new SQLite(file, { readonly: true });
    try {
      const plans = seen.filter((s) => /from "jobs"|update "jobs"/.test(s.sql)).map((s) =>
        (reader.prepare(`explain query plan ${s.sql}`).all(...s.parameters) as Array<{ detail: string }>).map((r) => r.detail).join('; '));
      expect(plans).toHaveLength(3); // expired lease, ready, take
      expect(plans[0]).toMatch(/USING INDEX jobs_lease/);
      expect(plans[1]).toMatch(/USING INDEX jobs_queued/);
      expect(plans[2]).toMatch(/USING INDEX jobs_queued/);
      for (const plan of plans) expect(plan).not.toMatch(/SCAN jobs(?! USING)/);
      // As literals: a bound status would make SQLite re-plan these statements at every run.
      expect(seen.filter((s) => /"status" = 'queued'/.test(s.sql))).toHaveLength(2);
      expect(seen.filter((s) => /"status" = 'running'/.test(s.sql))).toHaveLength(1);
    } finally {
      reader.close();
    }
  });

  it('a worker whose job\'s end cannot be written goes on with the next job; the job is taken again after its lease', async () => {
    const errors: string[] = [];
    const q = queue({ leaseMs: 300, onError: (e) => void errors.push((e as Error).message) });
    const internals = q as unknown as { finish: (...args: unknown[]) => Promise<number> };
    const finish = internals.finish.bind(q);
    let failures = 2;
    internals.finish = (...args) => (failures-- > 0 ? Promise.reject(new Error('disk I/O error')) : finish(...args));
    const ran: string[] = [];
    q.handle('test', async ({ job }) => void ran.push(job.subjectId), async () => {});
    await enqueue(q, 'u', 's1');
    q.start(1);
    await until(() => ran.length === 1);
    await enqueue(q, 'u', 's2');
    await until(() => ran.includes('s2'));
    await until(() => ran.filter((s) => s === 's1').length === 2);
    await until(async () => (await db.selectFrom('jobs').select('status').where('status', '=', 'done').execute()).length === 2);
    expect(errors).toContain('disk I/O error');
  });

});

describe('EmbeddedJobQueue wake-ups', () => {
  beforeEach(openQueueDb);
  afterEach(closeQueueDb);

  it('wakes one idle worker for one enqueued job, not all of them', async () => {
    const q = queue({ pollMs: 60_000 });
    let claims = 0;
    const claim = q.claim.bind(q);
    q.claim = () => {
      claims += 1;
      return claim();
    };
    const done: string[] = [];
    q.handle('test', async ({ job }) => void done.push(job.subjectId), async () => {});
    q.start(4);
    await until(() => claims === 4); // every worker looked once and found nothing
    await new Promise((r) => setImmediate(r));
    claims = 0;
    await enqueue(q, 'u', 's1');
    await until(() => done.length === 1);
    await until(() => claims === 2); // the woken worker: its job, then one look for the next
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(claims).toBe(2);
  });

  it('runs a job enqueued while the only worker is busy right after it, without waiting for a poll', async () => {
    const q = queue({ pollMs: 60_000 });
    const order: string[] = [];
    let release!: () => void;
    const blocker = new Promise<void>((r) => (release = r));
    q.handle('test', async ({ job }) => {
      order.push(job.subjectId);
      if (job.subjectId === 'first') await blocker;
    }, async () => {});
    q.start(1);
    await enqueue(q, 'u', 'first');
    await until(() => order.length === 1);
    await enqueue(q, 'u', 'second');
    release();
    await until(() => order.length === 2);
    expect(order).toEqual(['first', 'second']);
  });
});
