import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { testDatabase } from '../test-support/test-database.js';
import { createServices } from '../services.js';
import { tempDir } from '../test-support/temp-dir.js';
import { until } from './job-queue.contract.js';

const CHILD = fileURLToPath(new URL('../test-support/outbox-crash-child.ts', import.meta.url));

/** Runs the child until it stops at `point`, then SIGKILLs it (no shutdown code runs). */
function crashAt(dataDir: string, point: 'before-enqueue' | 'after-enqueue', databaseUrl = ''): Promise<{ userId: string; generationId: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=atelier-source', '--import', 'tsx', CHILD, dataDir, point, databaseUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /STOPPED (\S+) (\S+) (\S+)/.exec(out);
      if (m) {
        child.kill('SIGKILL');
        resolve({ userId: m[2]!, generationId: m[3]! });
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited (${code ?? signal}) before stopping: ${err || out}`));
    });
  });
}

describe('a process killed while handing a job to the queue', () => {
  for (const point of ['before-enqueue', 'after-enqueue'] as const) {
    it(`neither loses nor repeats the job (killed ${point})`, async () => {
      const dataDir = tempDir('atelier-crash-');
      const database = await testDatabase(dataDir);
      const config = testConfig(dataDir, { workerConcurrency: 2, deployment: { ...testConfig(dataDir).deployment, ...database.location.deployment } });
      try {
        const { userId, generationId } = await crashAt(dataDir, point, database.location.deployment.databaseUrl);
        // What the crash left: the generation and its job committed together; the queue has the job only if the
        // process died after handing it over.
        const left = database.connect();
        try {
          expect(await left.selectFrom('generations').select('status').where('id', '=', generationId).executeTakeFirst()).toEqual({ status: 'queued' });
          expect(await left.selectFrom('job_outbox').select('subject_id').execute()).toEqual([{ subject_id: generationId }]);
          const queued = await left.selectFrom('jobs').select('subject_id').execute();
          expect(queued).toEqual(point === 'after-enqueue' ? [{ subject_id: generationId }] : []);
        } finally {
          await left.destroy();
        }

        const services = await createServices(config);
        try {
          const { db } = services;
          const jobsOf = () => db.selectFrom('jobs').selectAll().where('subject_id', '=', generationId).execute();
          await until(async () => (await services.generations.get(userId, generationId)).status === 'succeeded', 30_000);
          const done = await services.generations.get(userId, generationId);
          expect(done.outputs.filter((o) => o.asset)).toHaveLength(2);
          await until(async () => (await db.selectFrom('job_outbox').select('id').execute()).length === 0);
          // The job is marked done once the generation's end hooks (webhooks, batches, workflow runs) have run.
          await until(async () => (await jobsOf()).every((j) => j.status !== 'running'));
          const jobs = await jobsOf();
          expect(jobs).toHaveLength(1);
          expect(jobs[0]).toMatchObject({ status: 'done', attempts: 1 });
          const assets = await db.selectFrom('assets').select('id').where('generation_id', '=', generationId).execute();
          expect(assets).toHaveLength(2);
        } finally {
          await services.close();
        }
      } finally {
        await database.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
