/**
 * Do the answers that must not tell who has an account take the same time either way? (Issue #19: password reset
 * "same body and similar timing whether or not the address has an account"; sign-up answers a taken address as
 * a new one.) The real app over loopback, one request at a time, the two kinds interleaved so drift hits both:
 *   reset    POST /api/v1/auth/password-reset for an address with an account, and for one without
 *   signup   POST /api/v1/auth/signup for a taken address, and for a new one (both 202 "check your email": ADR 0026)
 *
 *   npm run bench:accounts -w bench
 *   npm run bench:accounts -w bench -- --rounds=200
 *
 * Benchmarks print numbers; nothing here asserts.
 */
import { startBenchApp } from '../support/app.js';
import { Args } from '../support/args.js';
import { HttpClient } from '../support/http-client.js';
import { machineLine } from '../support/machine.js';
import { ms, now, summarize, table } from '../support/stats.js';

const args = new Args();
const ROUNDS = args.number('rounds', 100);
const PASSWORD = 'a long bench password';

async function timed(run: () => Promise<{ status: number }>, expected: number): Promise<number> {
  const started = now();
  const res = await run();
  const took = now() - started;
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
  return took;
}

async function main() {
  const bench = await startBenchApp({ config: { workerConcurrency: 0 } });
  const client = () => new HttpClient(bench.baseUrl, HttpClient.agent(1));
  try {
    await client().post('/api/v1/auth/signup', { email: 'owner@bench.test', password: PASSWORD, name: 'Owner' });
    const times: Record<string, number[]> = { 'reset, address with an account': [], 'reset, unknown address': [], 'sign-up, taken address': [], 'sign-up, new address': [] };
    // One kept-alive connection for every request, and the order of each pair swapped every round.
    const c = client();
    await c.post('/api/v1/auth/password-reset', { email: 'warm-up@bench.test' });
    const pair = async (a: () => Promise<void>, b: () => Promise<void>, round: number) => {
      if (round % 2 === 0) await a().then(b);
      else await b().then(a);
      await bench.services.accounts.background.idle();
    };
    const record = (name: string, run: () => Promise<{ status: number }>, expected: number) => async () => {
      times[name]!.push(await timed(run, expected));
    };
    for (let i = 0; i < ROUNDS; i++) {
      await pair(
        record('reset, address with an account', () => c.post('/api/v1/auth/password-reset', { email: 'owner@bench.test' }), 202),
        record('reset, unknown address', () => c.post('/api/v1/auth/password-reset', { email: `nobody${i}@bench.test` }), 202), i);
      await pair(
        record('sign-up, taken address', () => c.post('/api/v1/auth/signup', { email: 'owner@bench.test', password: PASSWORD, name: 'X' }), 202),
        record('sign-up, new address', () => c.post('/api/v1/auth/signup', { email: `new${i}@bench.test`, password: PASSWORD, name: 'X' }), 202), i);
    }
    console.log(machineLine());
    console.log(`${ROUNDS} rounds, one request at a time over loopback, milliseconds:\n`);
    console.log(table(['answer', 'p50', 'p95', 'mean', 'max'], Object.entries(times).map(([name, values]) => {
      const s = summarize(values);
      return [name, ms(s.p50), ms(s.p95), ms(s.mean), ms(s.max)];
    })));
  } finally {
    await bench.close();
  }
}

await main();
