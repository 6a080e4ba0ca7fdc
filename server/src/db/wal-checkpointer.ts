import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection checkpoints the write-ahead log. */
export const CHECKPOINT_INTERVAL_MS = 250;
/**
 * The app's own connection still checkpoints when the log reaches this many pages (~40 MiB), so the log stays
 * bounded even if the background thread falls behind or dies.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Plain JavaScript run by the worker thread (eval'd, so it needs no build step or loader of its own).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
db.pragma('secure_delete = ON');
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next tick tries again.
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

/**
 * Checkpoints an SQLite database in WAL mode from a worker thread with its own connection. SQLite's automatic
 * checkpoint runs inside the commit that crosses 1,000 log pages, on the connection's thread — for the server
 * that is the main thread, blocked for the page copy and two fsyncs every few dozen generations. A PASSIVE
 * checkpoint never waits for readers or writers, so the app's connection is not slowed by this one. Durability is
 * unchanged: commits are as durable as before (synchronous=NORMAL in WAL mode), and the checkpoint fsyncs as
 * SQLite's own does.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  /** Set to 1 by the worker once its connection is closed. */
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));
  private readonly exited: Promise<void>;
  private running = true;
  private stopped = false;

  constructor(file: string, intervalMs = CHECKPOINT_INTERVAL_MS) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs, closed: this.closed } });
    // A checkpoint thread must never keep the process alive, nor take it down.
    this.worker.unref();
    this.worker.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => {
      this.running = false;
      resolve();
    }));
  }

  /**
   * Closes the thread's connection before returning (blocking briefly, at most `timeoutMs`): whoever closes the
   * database next — and deletes its files, in tests — must be its last user. The thread then ends by itself.
   */
  stopSync(timeoutMs = 5000): void {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.running) return;
    this.worker.postMessage('stop');
    Atomics.wait(this.closed, 0, 0, timeoutMs);
  }

  /** stopSync, then resolves once the thread has exited. */
  stop(): Promise<void> {
    this.stopSync();
    return this.exited;
  }
}
