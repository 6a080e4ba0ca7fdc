import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import * as password from './password.js';

let t: TestApp;
const clock = new ManualClock(Date.now());
const LIMIT = 10;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { loginRateLimit: LIMIT, workerConcurrency: 0 } });
});
afterAll(() => t.close());

const statuses = (answers: { statusCode: number }[]) => answers.map((a) => a.statusCode);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

/** Counts the password hashes actually compared while `work` runs. */
async function passwordChecks(work: () => Promise<unknown>): Promise<number> {
  const verify = vi.spyOn(password, 'verifyPassword');
  try {
    await work();
    return verify.mock.calls.length;
  } finally {
    verify.mockRestore();
  }
}

const login = (user: TestUser, pw: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email: user.email, password: pw } });

describe('password attempt limits', () => {
  it('lets 300 parallel wrong logins check only a few passwords: each check is reserved before it runs', async () => {
    const owner = await signUp(t.app);
    let answers: number[] = [];
    const checks = await passwordChecks(async () => {
      answers = statuses(await Promise.all(Array.from({ length: 300 }, () => login(owner, 'wrong password', '203.0.113.5'))));
    });
    expect(count(answers, 401) + count(answers, 429)).toBe(300);
    expect(count(answers, 401)).toBe(checks);
    // Racing reservations may even refuse each other all: safe, and what is refused costs the owner nothing.
    expect(checks).toBeLessThanOrEqual(3);
    // The stranger's client is held back; the owner, signing in from elsewhere, is not.
    expect((await login(owner, owner.password, '198.51.100.20')).statusCode).toBe(200);
  });

  it('slows one account and client down progressively, then stops it for the window', async () => {
    const owner = await signUp(t.app);
    const wrong = () => login(owner, 'wrong password', '192.0.2.77');
    for (let i = 0; i < 3; i++) expect((await wrong()).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 3; i < LIMIT; i++) {
      const held = await wrong();
      expect(held.statusCode).toBe(429);
      waits.push(Number(held.headers['retry-after']));
      clock.advance(waits.at(-1)! * 1000);
      expect((await wrong()).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);
    clock.advance(10 * 60_000);
    const stopped = await login(owner, owner.password, '192.0.2.77');
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().error.message).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
    clock.advance(15 * 60_000);
    expect((await login(owner, owner.password, '192.0.2.77')).statusCode).toBe(200);
  });

  it('limits the password asked again by email change, password change and deletion, even when raced', async () => {
    const person = await signUp(t.app);
    const requests: InjectOptions[] = [
      { method: 'PATCH', url: '/api/v1/me', payload: { email: 'new-address@example.test', currentPassword: 'wrong password' } },
      { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'wrong password', newPassword: 'a brand new password' } },
      { method: 'DELETE', url: '/api/v1/me', payload: { password: 'wrong password' } },
    ];
    let answers: number[] = [];
    const checks = await passwordChecks(async () => {
      const all = Array.from({ length: 60 }, (_, i) => t.app.inject({ ...requests[i % 3]!, headers: person.headers, remoteAddress: '192.0.2.90' }));
      answers = statuses(await Promise.all(all));
    });
    expect(count(answers, 429)).toBeGreaterThan(50);
    expect(checks).toBeLessThanOrEqual(3);
    expect(answers.length - count(answers, 429)).toBe(checks);
  });
});
