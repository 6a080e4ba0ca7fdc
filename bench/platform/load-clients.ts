/**
 * The throughput benchmark's load generator, run as a child process of the server's process (see
 * load-protocol.ts) so that the server's main thread does server work only, as in a deployment. Closed-loop
 * clients, one account each: POST a generation, wait until the server process says it reached a final status,
 * POST the next one.
 */
import type http from 'node:http';
import { FetchClient, HttpClient, outboxSignupLinks, signUpOverHttp, type BenchClient } from '../support/http-client.js';
import { toWall, type ClientSample, type FromClients, type LevelOutcome, type LevelSpec, type ToClients } from './load-protocol.js';

interface Done {
  t: number;
  status: string;
  error?: string;
}

let clients: BenchClient[] = [];
let agent: http.Agent | undefined;
/** Final statuses by generation id, kept for the running level (a generation can end before its 202 arrives). */
const done = new Map<string, Done>();
const waiters = new Map<string, (d: Done) => void>();

const reply = (m: FromClients) => process.send!(m);

function waitDone(id: string, timeoutMs: number): Promise<Done> {
  const already = done.get(id);
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(id);
      resolve({ t: toWall(performance.now()), status: 'timeout', error: `not finished after ${timeoutMs} ms` });
    }, timeoutMs);
    waiters.set(id, (d) => {
      clearTimeout(timer);
      resolve(d);
    });
  });
}

async function setup(baseUrl: string, accounts: number, kind: string): Promise<string[]> {
  agent = HttpClient.agent(accounts + 1);
  clients = Array.from({ length: accounts }, () => (kind === 'fetch' ? new FetchClient(baseUrl) : new HttpClient(baseUrl, agent!)));
  const email = (i: number) => `bench-${i}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  // The first is the server's administrator (first run); the others follow their emailed links, which it reads.
  const first = await signUpOverHttp(clients[0]!, email(0));
  const links = outboxSignupLinks(clients[0]!);
  return [first, ...(await Promise.all(clients.slice(1).map((c, i) => signUpOverHttp(c, email(i + 1), undefined, links))))];
}

async function runLevel(spec: LevelSpec): Promise<LevelOutcome> {
  done.clear();
  const samples: ClientSample[] = [];
  const failures = new Map<string, number>();
  let firstError: string | undefined;
  let httpErrors = 0;
  const t0 = performance.now();
  const warmEnd = t0 + spec.warmupMs;
  const deadline = warmEnd + spec.durationMs;
  let cpu0 = process.cpuUsage();
  let clientCores = NaN;
  const startWindow = setTimeout(() => (cpu0 = process.cpuUsage()), spec.warmupMs);
  const endWindow = setTimeout(() => {
    const u = process.cpuUsage(cpu0);
    clientCores = (u.user + u.system) / 1e6 / (spec.durationMs / 1000);
  }, spec.warmupMs + spec.durationMs);

  let seq = 0;
  async function loop(client: BenchClient): Promise<void> {
    while (performance.now() < deadline && httpErrors < 100) {
      const prompt = spec.prompts[seq++ % spec.prompts.length]!;
      const tPost = performance.now();
      let res;
      try {
        res = await client.post('/api/v1/generations', { prompt, size: spec.size });
      } catch (err) {
        httpErrors += 1;
        firstError ??= `HTTP: ${(err as Error).message}`;
        continue;
      }
      const t202 = performance.now();
      if (res.status !== 202) {
        httpErrors += 1;
        firstError ??= `HTTP ${res.status}: ${res.body.toString().slice(0, 200)}`;
        continue;
      }
      const id = res.json<{ id: string }>().id;
      const d = await waitDone(id, spec.timeoutMs);
      if (d.status !== 'succeeded') {
        failures.set(d.status, (failures.get(d.status) ?? 0) + 1);
        firstError ??= `${d.status}: ${d.error ?? ''}`;
      }
      if (tPost >= warmEnd) samples.push({ id, tPost: toWall(tPost), t202: toWall(t202), tDone: d.t, status: d.status });
    }
  }
  await Promise.all(clients.slice(0, spec.clients).map((c) => loop(c)));
  clearTimeout(startWindow);
  clearTimeout(endWindow);
  if (Number.isNaN(clientCores)) {
    const u = process.cpuUsage(cpu0);
    clientCores = (u.user + u.system) / 1e6 / ((performance.now() - warmEnd) / 1000);
  }
  return { samples, httpErrors, failures: [...failures], firstError, clientCores };
}

process.on('message', (m: ToClients) => {
  if (m.type === 'done') {
    const d = { t: m.t, status: m.status, error: m.error };
    done.set(m.id, d);
    const waiter = waiters.get(m.id);
    if (waiter) {
      waiters.delete(m.id);
      waiter(d);
    }
    return;
  }
  const work = m.type === 'setup'
    ? setup(m.baseUrl, m.accounts, m.client).then((userIds): FromClients => ({ type: 'ready', userIds }))
    : runLevel(m.spec).then((outcome): FromClients => ({ type: 'level-done', outcome }));
  work.then(reply, (err: unknown) => reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
});

process.on('disconnect', () => {
  agent?.destroy();
  process.exit(0);
});
