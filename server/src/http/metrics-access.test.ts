import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { appForFile } from '../test-support/harness.js';

const TOKEN = 'scraper-token-5f0c2a9e41d7';
const { t, people: [admin, person] } = appForFile({ people: 2, config: { metricsToken: TOKEN } });

const metrics = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/metrics', headers });

describe('/metrics', () => {
  it('is refused to strangers and to people who are not administrators', async () => {
    const anonymous = await metrics();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.message).toContain('ATELIER_METRICS_TOKEN');
    expect(anonymous.body).not.toContain('atelier_http_request_duration_seconds');
    expect((await metrics({ cookie: person!.cookie })).statusCode).toBe(403);
    expect((await metrics({ authorization: 'Bearer not-the-token' })).statusCode).toBe(401);
    expect((await metrics({ authorization: `Bearer ${TOKEN}x`, cookie: admin!.cookie })).statusCode).toBe(401);
  });

  it('answers a scraper with the metrics token, and an administrator session', async () => {
    for (const headers of [{ authorization: `Bearer ${TOKEN}` }, { cookie: admin!.cookie }] as Record<string, string>[]) {
      const res = await metrics(headers);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('atelier_http_request_duration_seconds');
    }
  });

  it('takes a token long enough to resist guessing', () => {
    expect(() => loadConfig({ ATELIER_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ ATELIER_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
  });
});
