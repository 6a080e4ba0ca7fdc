import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createTestApp, type TestApp } from '../test-support/harness.js';

const trustProxy = (value: string) => loadConfig({ ATELIER_TRUST_PROXY: value }).trustProxy;
const problems = (value: string) => {
  try {
    loadConfig({ ATELIER_TRUST_PROXY: value });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('ATELIER_TRUST_PROXY', () => {
  it('takes nothing, a hop count, or proxy addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('10.0.0.0/8, 127.0.0.1,::1,fd00::/8')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
  });

  it('refuses to trust every hop, and says which forms it takes', () => {
    const [problem] = problems('true');
    expect(problem).toContain('would trust every hop');
    expect(problem).toContain('a hop count');
    expect(problem).toContain('CIDR');
    expect(problems('10.0.0.0/33,proxy.local')[0]).toContain('"10.0.0.0/33", "proxy.local"');
    expect(problems('99')[0]).toContain('from 0 to 32');
  });
});

describe('the client address behind proxies', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  /** Signs up through a request from 127.0.0.1 carrying a forwarded chain, and reads back the address stored. */
  async function addressSeen(trust: Config['trustProxy']): Promise<{ ip: string | null; https: boolean }> {
    t = await createTestApp({ config: { trustProxy: trust } });
    const signup = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/signup',
      headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9', 'x-forwarded-proto': 'https' },
      payload: { email: 'proxied@example.test', password: 'correct horse battery', name: 'P' },
    });
    const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const sessions = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie } });
    const session = signup.cookies.find((c) => c.name === 'atelier_session');
    return { ip: sessions.json().items[0].ip, https: session?.secure === true };
  }

  it('takes the address the nearest trusted hop saw, never the one the client wrote first', async () => {
    expect(await addressSeen(1)).toEqual({ ip: '203.0.113.0/24', https: true });
  });

  it('trusts listed proxies only', async () => {
    expect(await addressSeen(['127.0.0.1'])).toEqual({ ip: '203.0.113.0/24', https: true });
  });

  it('ignores forwarded headers from a peer that is not a listed proxy', async () => {
    expect(await addressSeen(['10.0.0.0/8'])).toEqual({ ip: '127.0.0.0/24', https: false });
  });
});
