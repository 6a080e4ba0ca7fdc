#!/usr/bin/env node
import { loadConfig, ConfigError, type Config } from './config.js';
import { buildApp } from './app.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { runMaintenance, scheduleMaintenance } from './maintenance.js';
import { createServices } from './services.js';
import { BACKUP_USAGE, runBackupCommand } from './modules/privacy/backup/cli.js';
import { DATASET_USAGE, runDatasetCommand } from './modules/privacy/dataset/cli.js';

const USAGE = `Usage: atelier <command>

Commands:
  serve             run the web server and in-process workers (default; ATELIER_RUN_WORKERS=false: web only)
  worker            run job workers only, no web server (for scaling out on ATELIER_REDIS_URL)
  migrate           bring the database schema up to date and exit
  maintenance run   purge expired trash, sessions, logs, exports and emails now, then exit
${BACKUP_USAGE}
${DATASET_USAGE}
  help              show this text`;

async function serve(config: Config): Promise<void> {
  const services = await createServices(config, { onJobError: (err) => console.error('job error:', err) });
  const app = await buildApp(services);
  const stopMaintenance = scheduleMaintenance(services, (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, shutting down`);
    stopMaintenance();
    await app.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`Atelier is running at ${address} (data in ${config.dataDir})`);
  if (config.logLevel === 'silent') console.log(`Atelier is running at ${address}`);
}

/** Workers only: takes jobs from the queue until SIGINT/SIGTERM, then lets running jobs go back to the queue. */
async function worker(config: Config): Promise<void> {
  if (!config.deployment.redisUrl && !config.deployment.databaseUrl) {
    console.warn('Note: without ATELIER_DATABASE_URL and ATELIER_REDIS_URL this worker shares the SQLite file of one machine.');
  }
  const services = await createServices({ ...config, runWorkers: true }, { onJobError: (err) => console.error('job error:', err) });
  const log = (msg: string, err?: unknown) => (err ? console.error(msg, err) : console.log(msg));
  const stopMaintenance = scheduleMaintenance(services, log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, stopping the workers`);
    stopMaintenance();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  console.log(`Atelier worker running ${config.workerConcurrency} jobs at a time`);
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', sub] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'worker':
      await worker(config);
      return -1;
    case 'migrate': {
      const db = openDatabase(config);
      const applied = await migrateToLatest(db);
      await db.destroy();
      console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }
    case 'backup':
      return runBackupCommand(config, argv.slice(1));
    case 'dataset':
      return runDatasetCommand(config, argv.slice(1));
    case 'maintenance': {
      if (sub !== 'run') break;
      const services = await createServices({ ...config, runWorkers: false });
      const report = await runMaintenance(services);
      await services.close();
      console.log(JSON.stringify(report));
      return 0;
    }
  }
  console.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
