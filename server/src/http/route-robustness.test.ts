import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { multipart } from '../modules/assets/test-fixtures.js';
import { appForFile, signUp, waitForGeneration, type TestUser } from '../test-support/harness.js';
import { idsFor, pick, sampleOf, seededRandom, type KnownIds } from '../test-support/schema-samples.js';

/**
 * "No request can crash the server": every route in the OpenAPI document is fed malformed input and many
 * schema-valid odd samples, and must answer each with a success or a 4xx in the one error shape — never a 5xx.
 * New routes are covered as soon as they are documented.
 */
const { t, people: [first] } = appForFile({ people: 1 });

interface Operation { path: string; method: string; query: { name: string; schema: unknown }[]; body?: unknown }

async function operations(): Promise<Operation[]> {
  const doc = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, any>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // Deleting the account ends the run's session for good, and the event stream stays open: both have own tests.
      if ((path === '/api/v1/me' && method === 'delete') || path.endsWith('/events')) continue;
      const query = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => ({ name: p.name, schema: p.schema }));
      ops.push({ path, method: method.toUpperCase(), query, body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  // Signing out goes last, so the rest run signed in.
  return ops.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

/** Objects of the person's own (an upload, a generation and its output, an album), whose ids samples use. */
async function objectsOf(user: TestUser): Promise<KnownIds> {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3070c0' } }).png().toBuffer();
  const form = multipart({ data: png, filename: 'a.png', contentType: 'image/png' });
  const upload = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...form.headers }, payload: form.payload });
  const generation = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt: 'a fox', size: '64x64' } });
  const album = await t.app.inject({ method: 'POST', url: '/api/v1/albums', headers: user.headers, payload: { name: 'Album' } });
  if (generation.statusCode !== 202) throw new Error(`generation: ${generation.statusCode} ${generation.body}`);
  const done = await waitForGeneration(t.app, user, generation.json().id);
  const outputs = done.outputs.map((o: { asset: { id: string } }) => o.asset.id);
  return { assets: [upload.json().id, ...outputs], generations: [generation.json().id], albums: [album.json().id] };
}

/** What is wrong with an answer, or null when it is a success or a well-formed refusal. */
function problemWith(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  const body = String(res.headers['content-type'] ?? '').includes('json') ? res.json() : null;
  return typeof body?.error?.code === 'string' && typeof body.error.message === 'string' && body.error.message.length > 0
    ? null
    : `answered ${res.statusCode} outside the error shape: ${res.body.slice(0, 120)}`;
}

describe('every documented route', () => {
  it('answers malformed ids, query values and bodies with a 4xx in the error shape', async () => {
    let user = first!;
    const problems: string[] = [];
    const badIds = ['x', '00000000-0000-0000-0000-000000000000', '..', 'a'.repeat(500), '-1', "' or 1=1 --"];
    const badQueryValues = ['', 'x', '-5', '1e99', 'a'.repeat(3000), '[]'];
    const badBodies = ['{', 'null', '[]', '"x"', '1', '{"__proto__":{"admin":true}}'];
    for (const op of await operations()) {
      const url = (id: string) => op.path.replace(/\{\w+\}/g, encodeURIComponent(id));
      const requests: { url: string; payload?: string; type?: string }[] = [
        ...badIds.map((id) => ({ url: url(id) })),
        ...op.query.flatMap((q) => badQueryValues.map((v) => ({ url: `${url(crypto.randomUUID())}?${q.name}=${encodeURIComponent(v)}` }))),
      ];
      if (op.method !== 'GET' && op.method !== 'DELETE') {
        requests.push(...badBodies.map((payload) => ({ url: url(crypto.randomUUID()), payload, type: 'application/json' })));
        requests.push({ url: url(crypto.randomUUID()), payload: 'a=b', type: 'text/plain' });
      }
      for (const r of requests) {
        const headers = { ...user.headers, ...(r.type ? { 'content-type': r.type } : {}) };
        const res = await t.app.inject({ method: op.method as 'GET', url: r.url, headers, payload: r.payload });
        const problem = problemWith(res);
        if (problem) problems.push(`${op.method} ${r.url.slice(0, 80)} ${r.payload ?? ''}: ${problem}`);
        if (res.statusCode === 401) user = await signUp(t.app);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers schema-valid odd samples with a success or a 4xx in the error shape, never a 5xx', async () => {
    const random = seededRandom(20261207);
    let user: TestUser;
    const problems: string[] = [];
    let successes = 0;
    let requests = 0;
    const ops = await operations();
    for (let round = 0; round < 16; round++) {
      // A new person with fresh objects each round: the last round signed out and may have deleted its objects.
      user = await signUp(t.app);
      const ids = await objectsOf(user);
      for (const op of ops) {
        const opts = { random, knownIds: ids };
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => (random() < 0.9 ? pick(random, idsFor(ids, name, op.path)) : crypto.randomUUID()));
        const query = op.query.filter(() => random() < 0.5).map((q) => [q.name, sampleOf(q.schema, opts)] as const)
          .filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
        const payload = op.body ? sampleOf(op.body, opts) : undefined;
        const url = query ? `${path}?${query}` : path;
        const res = await t.app.inject({ method: op.method as 'GET', url, headers: user.headers, payload: payload as object });
        requests++;
        if (res.statusCode < 300) successes++;
        const problem = problemWith(res);
        if (problem) problems.push(`${op.method} ${url.slice(0, 120)} ${JSON.stringify(payload)?.slice(0, 200)}: ${problem}`);
        // Signing out, or a wrong current password, ends the session: go on as a new person.
        if (res.statusCode === 401) {
          user = await signUp(t.app);
          Object.assign(ids, await objectsOf(user));
        }
      }
    }
    expect(problems).toEqual([]);
    // The samples reach the handlers, not only the validator.
    expect(successes / requests).toBeGreaterThan(0.25);
  });
});
