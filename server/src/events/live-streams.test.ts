import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SseChannel } from '../http/sse.js';
import { cookieHeader, createTestApp, signUp, type TestApp, type TestUser } from '../test-support/harness.js';
import { testRedisUrl, uniqueRedisPrefix } from '../test-support/redis.js';
import { followSse, type SseFollower } from '../test-support/sse-client.js';
import { LiveStreams } from './live-streams.js';
import { RedisEventBus } from './redis-event-bus.js';

const MAX = 3;
let t: TestApp;
let port: number;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp({ config: { maxStreamsPerUser: MAX } });
  // Generations stay running until their job is aborted, so their streams stay open.
  vi.spyOn(t.services.engines.get('builtin'), 'run').mockImplementation((_job, ctx) =>
    new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  admin = await signUp(t.app);
});
const people: string[] = [];
afterAll(async () => {
  for (const id of people) t.services.liveStreams.closeAllForUser(id);
  await t.close();
});

/** Another session of the same person (a second browser). */
async function secondSession(user: TestUser): Promise<TestUser> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
  const cookie = cookieHeader(res);
  return { ...user, cookie, csrf: res.json().csrfToken, headers: { cookie, 'x-csrf-token': res.json().csrfToken } };
}

async function runningGeneration(user: TestUser): Promise<string> {
  people.push(user.id);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt: 'a slow tide', size: '64x64' } });
  return res.json().id;
}

/** Follows the generation with the person's session cookie, or with one of their API tokens. */
async function follow(user: TestUser, id: string, token?: string): Promise<SseFollower> {
  const stream = followSse(port, `/api/v1/generations/${id}/events`, token ? { authorization: `Bearer ${token}` } : user.cookie);
  await stream.first;
  return stream;
}

async function tokenOf(user: TestUser): Promise<{ id: string; token: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: user.headers, payload: { name: 'follower', scopes: ['images'] } });
  return res.json();
}

const isOpen = async (stream: SseFollower) => Promise.race([stream.ended.then(() => false), new Promise((r) => setTimeout(() => r(true), 200))]);

describe('live streams', () => {
  it('end when their session logs out, and only theirs', async () => {
    const person = await signUp(t.app);
    const other = await secondSession(person);
    const id = await runningGeneration(person);
    const [mine, theirs] = [await follow(person, id), await follow(other, id)];
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: person.headers });
    await mine.ended;
    expect(await isOpen(theirs)).toBe(true);
    expect(t.services.liveStreams.openFor(person.id)).toBe(1);
  });

  it("end for every other session when the password changes, and when a session is revoked", async () => {
    const person = await signUp(t.app);
    const laptop = await secondSession(person);
    const phone = await secondSession(person);
    const id = await runningGeneration(person);
    const [kept, onLaptop, onPhone] = [await follow(person, id), await follow(laptop, id), await follow(phone, id)];
    // Revoke the laptop from the phone: the laptop's stream ends.
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: laptop.headers })).json().items;
    const laptopSession = listed.find((s: { current: boolean }) => s.current).id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${laptopSession}`, headers: phone.headers })).statusCode).toBe(204);
    await onLaptop.ended;
    expect(await isOpen(onPhone)).toBe(true);
    // The password changed on the first session: the phone's stream ends, the first session's stays.
    const change = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: person.headers,
      payload: { currentPassword: person.password, newPassword: 'a new and longer password' } });
    expect(change.statusCode).toBe(200);
    await onPhone.ended;
    expect(await isOpen(kept)).toBe(true);
  });

  it('end when the account asks to be deleted, and closeAllForUser ends them all', async () => {
    const person = await signUp(t.app);
    const id = await runningGeneration(person);
    const stream = await follow(person, id);
    t.services.liveStreams.closeAllForUser(person.id);
    await stream.ended;
    const again = await follow(person, id);
    await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: person.headers, payload: { password: person.password } });
    await again.ended;
  });

  it('end when the API token they were opened with is revoked, and only that token\'s', async () => {
    const person = await signUp(t.app);
    const [revoked, kept] = [await tokenOf(person), await tokenOf(person)];
    const id = await runningGeneration(person);
    const [byRevoked, byKept, byCookie] = [await follow(person, id, revoked.token), await follow(person, id, kept.token), await follow(person, id)];
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${revoked.id}`, headers: person.headers })).statusCode).toBe(204);
    await byRevoked.ended;
    expect(await isOpen(byKept)).toBe(true);
    expect(await isOpen(byCookie)).toBe(true);
    expect(t.services.liveStreams.openFor(person.id)).toBe(2);
  });

  it('end, cookie and token alike, when an administrator suspends the account, and the token is refused from then on', async () => {
    const person = await signUp(t.app);
    const { token } = await tokenOf(person);
    const id = await runningGeneration(person);
    const [byCookie, byToken] = [await follow(person, id), await follow(person, id, token)];
    const suspended = await t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${person.id}/suspend`, headers: admin.headers, payload: { reason: 'spam' } });
    expect(suspended.statusCode).toBe(204);
    await Promise.all([byCookie.ended, byToken.ended]);
    expect(t.services.liveStreams.openFor(person.id)).toBe(0);
    const again = await t.app.inject({ url: `/api/v1/generations/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(again.statusCode).toBe(401);
  });

  it(`are capped at ${MAX} per person, with a message that says what to do`, async () => {
    const person = await signUp(t.app);
    const id = await runningGeneration(person);
    for (let i = 0; i < MAX; i++) await follow(person, id);
    const refused = await t.app.inject({ method: 'GET', url: `/api/v1/generations/${id}/events`, headers: { cookie: person.cookie } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/Close other Atelier tabs/);
    const stranger = await signUp(t.app);
    await follow(stranger, await runningGeneration(stranger));
  });
});

describe('live streams across processes', () => {
  it('are closed by a revocation published in another process', async () => {
    const prefix = `${uniqueRedisPrefix()}:`;
    const [busA, busB] = [new RedisEventBus({ url: testRedisUrl, prefix }), new RedisEventBus({ url: testRedisUrl, prefix })];
    try {
      const [apiA, apiB] = [new LiveStreams(busA, 4), new LiveStreams(busB, 4)];
      const closed: string[] = [];
      const channel = (name: string): SseChannel => {
        const closers: Array<() => void> = [];
        let done = false;
        return {
          send: () => undefined,
          sendData: () => undefined,
          close: () => { if (!done) { done = true; closed.push(name); closers.forEach((fn) => fn()); } },
          onClose: (fn) => (done ? fn() : closers.push(fn)),
        };
      };
      await apiA.open('u1', 'session-1', () => channel('a1'));
      await apiA.open('u1', 'session-2', () => channel('a2'));
      await apiB.open('u1', 'session-1', () => channel('b1'));
      apiB.closeSessions('u1', ['session-1']);
      await vi.waitFor(() => expect(closed.sort()).toEqual(['a1', 'b1']));
      apiB.closeAllForUser('u1');
      await vi.waitFor(() => expect(closed.sort()).toEqual(['a1', 'a2', 'b1']));
      expect(apiA.openFor('u1')).toBe(0);
    } finally {
      await Promise.all([busA.close(), busB.close()]);
    }
  });
});
