import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { ManualClock } from '../../lib/clock.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { tempDir } from '../../test-support/temp-dir.js';

describe('messages to support are limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    const { rateLimits } = testConfig(tempDir()).billing;
    t = await createTestApp({
      clock: new ManualClock(),
      config: { billing: { rateLimits: { ...rateLimits, supportPerHour: 2, supportPerHourPerAddress: 3 } } },
    });
  });
  afterAll(() => t.close());

  const contact = (who: TestUser, ip: string, subject = 'Help') =>
    t.app.inject({ method: 'POST', url: '/api/v1/support', remoteAddress: ip, headers: who.headers, payload: { subject, message: 'Please look.' } });

  it('per person: 429 with Retry-After past the hourly number, said in the person\'s language', async () => {
    const alice = await signUp(t.app);
    expect((await contact(alice, '192.0.2.1')).statusCode).toBe(201);
    expect((await contact(alice, '192.0.2.2')).statusCode).toBe(201);
    const refused = await contact(alice, '192.0.2.3');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many messages to support: at most 2 per hour\. Try again in \d+ s\.$/) });
    // Half an hour until a token is back (the bucket's float division may round it up by a second).
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1800);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(1801);
    const kept = await t.services.db.selectFrom('support_messages').select('id').where('user_id', '=', alice.id).execute();
    expect(kept).toHaveLength(2);

    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: alice.headers, payload: { language: 'zh' } });
    expect((await contact(alice, '192.0.2.4')).json().error.message).toMatch(/^发给支持的消息过多：每小时最多 2 次。请在 \d+ 秒后重试。$/);
  });

  it('per address: several accounts from one address share one allowance', async () => {
    const people = [await signUp(t.app), await signUp(t.app)];
    const ip = '198.51.100.7';
    expect((await contact(people[0]!, ip)).statusCode).toBe(201);
    expect((await contact(people[0]!, ip)).statusCode).toBe(201);
    expect((await contact(people[1]!, ip)).statusCode).toBe(201);
    const refused = await contact(people[1]!, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Too many messages to support from your address: at most 3 per hour\./);
    expect((await contact(people[1]!, '198.51.100.8')).statusCode).toBe(201);
  });
});
