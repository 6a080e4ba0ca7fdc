import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { testConfig, type Config } from '../../server/src/config.js';
import { createServices, type Services } from '../../server/src/services.js';

export interface BenchApp {
  services: Services;
  app: FastifyInstance;
  dataDir: string;
  /** http://127.0.0.1:<port> once listening (empty when started with listen: false). */
  baseUrl: string;
  close(): Promise<void>;
}

export function benchTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Bytes under a folder (files only), for reporting disk use. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/**
 * The real app in-process over a fresh data folder (real SQLite file, real encrypted blob store), silent logs.
 * `beforeReady` may add hooks (e.g. timing) before the app is sealed. The data folder is removed on close
 * unless `keepDataDir`.
 */
export async function startBenchApp(opts: {
  config?: Partial<Config>;
  dataDir?: string;
  listen?: boolean;
  keepDataDir?: boolean;
  beforeReady?: (app: FastifyInstance, services: Services) => void;
  /** Runs after services exist and before workers could take a job (instrumentation). */
  afterServices?: (services: Services) => void;
} = {}): Promise<BenchApp> {
  const dataDir = opts.dataDir ?? benchTempDir('atelier-bench-');
  const wantWorkers = opts.config?.runWorkers ?? true;
  const config = testConfig(dataDir, { ...opts.config, runWorkers: false });
  const services = await createServices(config);
  opts.afterServices?.(services);
  if (wantWorkers && config.workerConcurrency > 0) {
    // createServices starts workers itself when runWorkers is on; starting them here instead lets
    // afterServices instrument the queue first. Same loops, same count.
    services.queue.start(config.workerConcurrency);
  }
  const app = await buildApp(services);
  opts.beforeReady?.(app, services);
  await app.ready();
  let baseUrl = '';
  if (opts.listen !== false) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${addr.port}`;
  }
  return {
    services,
    app,
    dataDir,
    baseUrl,
    async close() {
      await app.close();
      await services.close();
      if (!opts.keepDataDir && !opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
