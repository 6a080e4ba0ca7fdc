import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../test-support/harness.js';
import { signupLinkToken } from '../test-support/signup.js';
import { tablesWithColumns } from '../db/introspection.js';
import { summariseUserAgent, truncateIp } from './client-info.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('truncateIp', () => {
  it('keeps the /24 network of an IPv4 address and the /48 of an IPv6 one', () => {
    expect(truncateIp('198.51.100.77')).toBe('198.51.100.0/24');
    expect(truncateIp('::ffff:198.51.100.77')).toBe('198.51.100.0/24');
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(truncateIp(undefined)).toBeNull();
    expect(truncateIp('not an address')).toBeNull();
  });
});

describe('summariseUserAgent', () => {
  it('keeps only browser family, OS family and device type', () => {
    expect(summariseUserAgent(IPHONE)).toBe('Safari on iOS (mobile)');
    expect(summariseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Windows (desktop)');
    expect(summariseUserAgent(undefined)).toBeNull();
  });
});

describe('every stored IP address and user agent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('[S-4][D-6] is truncated or reduced when written: sign-up, sign-in, failed sign-in, sessions', async () => {
    const ip = '198.51.100.77';
    const headers = { 'user-agent': IPHONE };
    const u = await signUp(t.app);
    for (const password of [u.password, 'a wrong password']) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers, payload: { email: u.email, password } });
    }
    const email = `ip-${u.email}`;
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: ip, headers, payload: { email, password: 'long enough password', name: 'Someone' } });
    const token = await signupLinkToken(t.services, email);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', remoteAddress: ip, headers, payload: { token, password: 'long enough password' } });

    const found: string[] = [];
    for (const { name } of await tablesWithColumns(t.services.db)) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.services.db);
      for (const row of rows.rows) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
          if (text.includes(ip) || text.includes('AppleWebKit') || text.includes('iPhone OS')) found.push(`${name}.${column}`);
        }
      }
    }
    expect(found).toEqual([]);
    const sessions = await t.services.db.selectFrom('sessions').select(['ip', 'user_agent']).where('ip', 'is not', null).execute();
    expect(sessions).toContainEqual({ ip: '198.51.100.0/24', user_agent: 'Safari on iOS (mobile)' });
    const audit = await t.services.db.selectFrom('audit_events').select(['type', 'ip']).where('ip', '=', '198.51.100.0/24').execute();
    expect(audit.map((a) => a.type).sort()).toEqual(['auth.login', 'auth.login_failed', 'auth.signup']);
  });
});
