/**
 * Messages between the throughput benchmark (the server's process) and its load generator (a child process), and
 * the parent's handle on that child. Times cross the process boundary as wall-clock milliseconds
 * (`performance.timeOrigin + performance.now()`), converted back to each side's own `performance.now()` base.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LevelSpec {
  clients: number;
  warmupMs: number;
  durationMs: number;
  size: string;
  prompts: string[];
  timeoutMs: number;
}

export interface ClientSample {
  id: string;
  /** Wall-clock ms. */
  tPost: number;
  t202: number;
  tDone: number;
  status: string;
}

export interface LevelOutcome {
  samples: ClientSample[];
  httpErrors: number;
  failures: Array<[string, number]>;
  firstError?: string;
  /** CPU seconds the load generator used during the measured window, per wall second. */
  clientCores: number;
}

export type ToClients =
  | { type: 'setup'; baseUrl: string; accounts: number; client: string }
  | { type: 'level'; spec: LevelSpec }
  | { type: 'done'; id: string; t: number; status: string; error?: string };

export type FromClients =
  | { type: 'ready'; userIds: string[] }
  | { type: 'level-done'; outcome: LevelOutcome }
  | { type: 'failed'; message: string };

/** This process's `performance.now()` as wall-clock ms, and back. */
export const toWall = (t: number) => performance.timeOrigin + t;
export const fromWall = (wall: number) => wall - performance.timeOrigin;

/** The load generator, forked with this process's loader flags (tsx), talking over the IPC channel. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private waiting: { resolve: (m: FromClients) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./load-clients.ts', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: FromClients) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (m.type === 'failed') w?.reject(new Error(`load generator: ${m.message}`));
      else w?.resolve(m);
    });
    this.child.on('exit', (code) => {
      this.waiting?.reject(new Error(`load generator exited (${code})`));
      this.waiting = undefined;
    });
  }

  private ask(message: ToClients): Promise<FromClients> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
  }

  /** Signs `accounts` accounts up over HTTP (one per client); returns their user ids. */
  async setup(baseUrl: string, accounts: number, client: string): Promise<string[]> {
    const m = await this.ask({ type: 'setup', baseUrl, accounts, client });
    if (m.type !== 'ready') throw new Error(`load generator answered ${m.type} to setup`);
    return m.userIds;
  }

  async level(spec: LevelSpec): Promise<LevelOutcome> {
    const m = await this.ask({ type: 'level', spec });
    if (m.type !== 'level-done') throw new Error(`load generator answered ${m.type} to a level`);
    return m.outcome;
  }

  /** Tells the clients that a generation reached a final status (they wait for it before the next POST). */
  finished(id: string, t: number, status: string, error?: string): void {
    if (this.child.connected) this.child.send({ type: 'done', id, t: toWall(t), status, error } satisfies ToClients);
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
