import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { ManualClock, systemClock } from '../lib/clock.js';
import { tempDir } from '../test-support/temp-dir.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../test-support/test-database.js';
import { EmbeddedJobQueue } from './embedded-queue.js';
import { RetryableJobError, type RunningJob } from './job-queue.js';

let dir: string;
let db: Db;
let database: TestDatabase;
let closeDatabase: () => Promise<void>;
const sqliteOnly = it.skipIf(testBackend() !== 'sqlite');
const queues: EmbeddedJobQueue[] = [];

beforeEach(async () => {
  dir = tempDir('atelier-queue-');
  ({ db, database, close: closeDatabase } = await openTestDatabase(dir));
});

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

function queue(opts: Partial<ConstructorParameters<typeof EmbeddedJobQueue>[2]> = {}) {
  const q = new EmbeddedJobQueue(db, systemClock, { leaseMs: 1000, maxAttempts: 3, pollMs: 20, ...opts });
  queues.push(q);
  return q;
}

async function enqueue(q: EmbeddedJobQueue, userId: string, subjectId: string, cost = 1) {
  await db.transaction().execute((trx) => q.enqueueIn(trx, { kind: 'test', subjectId, userId, cost }));
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('EmbeddedJobQueue', () => {
  it('runs every enqueued job once and marks it done', async () => {
    const q = queue();
    const seen: string[] = [];
    q.handle('test', async ({ job }) => void seen.push(job.subject_id), async () => {});
    for (let i = 0; i < 10; i++) await enqueue(q, 'u1', `s${i}`);
    q.start(3);
    await until(() => seen.length === 10);
    await until(async () => (await db.selectFrom('jobs').where('status', '=', 'done').select('id').execute()).length === 10);
    expect(new Set(seen).size).toBe(10);
  });

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
        q.handle('test', async ({ job }) => void seen.push(job.subject_id), async () => {});
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
    expect((await q.claim())?.job.subject_id).toBe('s1');
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
      expect((await q.claim())?.job.subject_id).toBe('s1'); // the first claim also looks for expired leases
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

  it('refuses two handlers for one kind', () => {
    const q = queue();
    q.handle('test', async () => {}, async () => {});
    expect(() => q.handle('test', async () => {}, async () => {})).toThrow(/Two handlers/);
  });

  it('serves users fairly: a big backlog of one user does not starve another', async () => {
    const q = queue();
    const order: string[] = [];
    q.handle('test', async ({ job }) => void order.push(job.user_id), async () => {});
    for (let i = 0; i < 15; i++) await enqueue(q, 'heavy', `h${i}`);
    await enqueue(q, 'light', 'l0');
    await enqueue(q, 'light', 'l1');
    q.start(1);
    await until(() => order.length === 17);
    // Both light jobs run within the first few, long before the heavy backlog is drained.
    expect(order.indexOf('light')).toBeLessThan(3);
    expect(order.lastIndexOf('light')).toBeLessThan(5);
  });

  it('charges by cost: a 15-image set waits behind single images enqueued after it', async () => {
    const q = queue();
    const order: string[] = [];
    q.handle('test', async ({ job }) => void order.push(job.subject_id), async () => {});
    await enqueue(q, 'a', 'a-small', 1);
    await enqueue(q, 'a', 'a-set', 15);
    await enqueue(q, 'b', 'b-1', 1);
    await enqueue(q, 'b', 'b-2', 1);
    q.start(1);
    await until(() => order.length === 4);
    expect(order.indexOf('b-2')).toBeLessThan(order.indexOf('a-set'));
  });

  it('takes a job again when its worker died and the lease expired', async () => {
    // A worker that claims and then "dies" (never finishes, never heartbeats).
    const dead = queue({ workerId: 'dead' });
    dead.handle('test', async () => {}, async () => {});
    await enqueue(dead, 'u', 's1');
    const claimed = await dead.claim();
    expect(claimed?.job.subject_id).toBe('s1');

    const alive = queue({ workerId: 'alive' });
    const ran: RunningJob[] = [];
    alive.handle('test', async (r) => void ran.push(r), async () => {});
    alive.start(1);
    await until(() => ran.length === 1, 5000);
    expect(ran[0]!.job.attempts).toBe(2);
    const row = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    await until(async () => (await db.selectFrom('jobs').select('status').executeTakeFirstOrThrow()).status === 'done');
    expect(row.subject_id).toBe('s1');
  });

  it('retries a RetryableJobError and gives up after max attempts', async () => {
    const q = queue({ maxAttempts: 3 });
    let calls = 0;
    const exhausted: string[] = [];
    q.handle('test', async () => {
      calls++;
      throw new RetryableJobError('busy', 10);
    }, async (_job, lastError) => void exhausted.push(lastError));
    await enqueue(q, 'u', 's');
    q.start(1);
    await until(() => exhausted.length === 1);
    expect(calls).toBe(3);
    expect(exhausted[0]).toBe('busy');
  });

  it('a plain error fails the job at once', async () => {
    const q = queue();
    let calls = 0;
    const exhausted: string[] = [];
    q.handle('test', async () => {
      calls++;
      throw new Error('bad input');
    }, async (_j, e) => void exhausted.push(e));
    await enqueue(q, 'u', 's');
    q.start(1);
    await until(() => exhausted.length === 1);
    expect(calls).toBe(1);
  });

  it('cancelling a subject aborts its running handler and does not run queued ones', async () => {
    const q = queue();
    let aborted = false;
    let started = 0;
    q.handle('test', ({ signal }) => {
      started++;
      return new Promise<void>((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      });
    }, async () => {});
    await enqueue(q, 'u', 'running-one');
    q.start(1);
    await until(() => started === 1);
    await q.cancelSubject('running-one');
    await until(() => aborted);
    const row = await db.selectFrom('jobs').select('status').where('subject_id', '=', 'running-one').executeTakeFirstOrThrow();
    expect(row.status).toBe('canceled');
  });
});

describe('EmbeddedJobQueue: writes that join the job\'s own commits', () => {
  const marks = async () => (await sql<{ subject: string }>`select subject from marks order by subject`.execute(db)).rows.map((r) => r.subject);
  const jobRow = () => db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();

  beforeEach(async () => {
    await sql`create table marks (subject text primary key)`.execute(db);
  });

  it('runs a kind\'s start in the transaction that takes the job, and hands its result to the handler', async () => {
    const clock = new ManualClock();
    const q = new EmbeddedJobQueue(db, clock, { leaseMs: 1000, maxAttempts: 3, pollMs: 60_000 });
    queues.push(q);
    let failStart = true;
    const seen: Array<{ started: string; status: string; marks: string[] }> = [];
    q.handle<string>('test', async ({ started }) => {
      seen.push({ started, status: (await jobRow()).status, marks: await marks() });
    }, async () => {}, async (trx, job) => {
      await sql`insert into marks (subject) values (${job.subject_id})`.execute(trx);
      if (failStart) throw new Error('start failed');
      return `started ${job.subject_id}`;
    });
    await enqueue(q, 'u', 's1');

    // A start that fails undoes the take's writes; the failure is then written on the job as an attempt, with a wait.
    expect(await q.claim()).toMatchObject({ done: true });
    expect(await marks()).toEqual([]);
    expect(await jobRow()).toMatchObject({
      status: 'queued', attempts: 1, worker_id: null, last_error: 'The job could not be started: start failed', run_after: clock.now() + 1000,
    });
    expect(await q.claim()).toBeUndefined();

    failStart = false;
    clock.advance(1000);
    q.start(1);
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual({ started: 'started s1', status: 'running', marks: ['s1'] });
    await until(async () => (await jobRow()).status === 'done');
  });

  it('a start that keeps failing does not hold up the jobs behind it, and fails its job after the last attempt', async () => {
    const errors: string[] = [];
    const q = queue({ maxAttempts: 2, onError: (e) => void errors.push((e as Error).message) });
    const ran: string[] = [];
    const exhausted: Array<{ subject: string; error: string }> = [];
    q.handle<string>('test', async ({ job }) => void ran.push(job.subject_id),
      async (job, error) => void exhausted.push({ subject: job.subject_id, error }),
      async (_trx, job) => {
        if (job.subject_id === 'poison') throw new Error('no such subject row');
        return job.subject_id;
      });
    await enqueue(q, 'u', 'poison');
    for (const s of ['a', 'b', 'c']) await enqueue(q, 'u', s);
    q.start(2);
    await until(() => ran.length === 3);
    expect(ran.sort()).toEqual(['a', 'b', 'c']);
    // The second attempt comes after a 1 s backoff, and it is the last one.
    await until(() => exhausted.length === 1);
    expect(exhausted[0]).toEqual({ subject: 'poison', error: 'The job could not be started: no such subject row' });
    const row = await db.selectFrom('jobs').selectAll().where('subject_id', '=', 'poison').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 2, lease_until: null, last_error: 'The job could not be started: no such subject row' });
    // Two workers can both fail the same attempt (the second finds it already written): each failure is reported.
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(new Set(errors)).toEqual(new Set(['no such subject row']));
  });

  it('a worker whose job\'s end cannot be written goes on with the next job; the job is taken again after its lease', async () => {
    const errors: string[] = [];
    const q = queue({ leaseMs: 300, onError: (e) => void errors.push((e as Error).message) });
    const internals = q as unknown as { finish: (...args: unknown[]) => Promise<number> };
    const finish = internals.finish.bind(q);
    let failures = 2;
    internals.finish = (...args) => (failures-- > 0 ? Promise.reject(new Error('disk I/O error')) : finish(...args));
    const ran: string[] = [];
    q.handle('test', async ({ job }) => void ran.push(job.subject_id), async () => {});
    await enqueue(q, 'u', 's1');
    q.start(1);
    await until(() => ran.length === 1);
    await enqueue(q, 'u', 's2');
    q.notify();
    await until(() => ran.includes('s2'));
    await until(() => ran.filter((s) => s === 's1').length === 2);
    await until(async () => (await db.selectFrom('jobs').select('status').where('status', '=', 'done').execute()).length === 2);
    expect(errors).toContain('disk I/O error');
  });

  it('ends the job without running the handler when the start finds nothing to do', async () => {
    const q = queue({ pollMs: 60_000 });
    let ran = 0;
    q.handle<string>('test', async () => void ran++, async () => {}, async () => undefined);
    await enqueue(q, 'u', 'gone');
    expect(await q.claim()).toMatchObject({ done: true });
    expect(await jobRow()).toMatchObject({ status: 'done', lease_until: null, attempts: 1 });
    expect(ran).toBe(0);
  });

  it('completes the job in the handler\'s transaction, and only if that transaction commits', async () => {
    const q = queue();
    const exhausted: string[] = [];
    const held: boolean[] = [];
    q.handle('test', async ({ job, completeIn }) => {
      await db.transaction().execute(async (trx) => {
        await sql`insert into marks (subject) values (${job.subject_id})`.execute(trx);
        held.push(await completeIn(trx));
        // Seen from another connection, the job is not done before the handler's transaction commits.
        const other = database.connect();
        try {
          expect(await other.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirst()).toEqual({ status: 'running' });
        } finally {
          await other.destroy();
        }
        if (job.subject_id === 'rolled-back') throw new Error('failed after completing');
      });
    }, async (_job, lastError) => void exhausted.push(lastError));
    await enqueue(q, 'u', 'committed');
    await enqueue(q, 'u', 'rolled-back');
    q.start(1);
    await until(() => exhausted.length === 1);
    await until(async () => (await db.selectFrom('jobs').where('status', '=', 'done').select('id').execute()).length === 2);

    expect(held).toEqual([true, true]);
    expect(await marks()).toEqual(['committed']);
    const jobs = await db.selectFrom('jobs').select(['subject_id', 'last_error']).orderBy('subject_id').execute();
    // The rolled-back completion did not count: the queue ended that job itself, as a failure.
    expect(jobs).toEqual([{ subject_id: 'committed', last_error: null }, { subject_id: 'rolled-back', last_error: 'failed after completing' }]);
    expect(exhausted).toEqual(['failed after completing']);
  });

  it('reports a job it no longer holds from completeIn', async () => {
    const q = queue();
    const held: boolean[] = [];
    q.handle('test', async ({ job, completeIn }) => {
      await q.cancelSubject(job.subject_id);
      held.push(await db.transaction().execute((trx) => completeIn(trx)));
    }, async () => {});
    await enqueue(q, 'u', 's1');
    q.start(1);
    await until(() => held.length === 1);
    expect(held).toEqual([false]);
    expect((await jobRow()).status).toBe('canceled');
  });
});

describe('EmbeddedJobQueue wake-ups', () => {
  it('wakes one idle worker for one enqueued job, not all of them', async () => {
    const q = queue({ pollMs: 60_000 });
    let claims = 0;
    const claim = q.claim.bind(q);
    q.claim = () => {
      claims += 1;
      return claim();
    };
    const done: string[] = [];
    q.handle('test', async ({ job }) => void done.push(job.subject_id), async () => {});
    q.start(4);
    await until(() => claims === 4); // every worker looked once and found nothing
    await new Promise((r) => setImmediate(r));
    claims = 0;
    await enqueue(q, 'u', 's1');
    q.notify();
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
      order.push(job.subject_id);
      if (job.subject_id === 'first') await blocker;
    }, async () => {});
    q.start(1);
    await enqueue(q, 'u', 'first');
    q.notify();
    await until(() => order.length === 1);
    await enqueue(q, 'u', 'second');
    q.notify();
    release();
    await until(() => order.length === 2);
    expect(order).toEqual(['first', 'second']);
  });
});
