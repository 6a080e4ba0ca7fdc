import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../test-support/harness.js';
import { image, multipart } from '../modules/assets/test-fixtures.js';
import { loggedPath } from './logging.js';

let t: TestApp;
let logs = '';

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (c) => (logs += c.toString()));
  t = await createTestApp({ config: { logLevel: 'trace' }, logStream: stream });
});
afterAll(() => t.close());

describe('request logs', () => {
  it('never carry a share link token, whatever the page, image or password form asked', async () => {
    const person = await signUp(t.app);
    const body = multipart({ data: await image('png', 8, 8), filename: 'x.png' });
    const asset = (await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...person.headers, ...body.headers }, payload: body.payload })).json();
    const open = (await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: person.headers, payload: { assetId: asset.id, allowDownload: true } })).json();
    const locked = (await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: person.headers, payload: { assetId: asset.id, allowDownload: false, password: 'open sesame' } })).json();
    const tokens = [open.url, locked.url].map((u: string) => u.split('/s/')[1]!);
    logs = '';
    expect((await t.app.inject(`/s/${tokens[0]}`)).statusCode).toBe(200);
    expect((await t.app.inject(`/s/${tokens[0]}/images/${asset.id}?download=1`)).statusCode).toBe(200);
    expect((await t.app.inject(`/s/${tokens[0]}/thumbs/${asset.id}`)).statusCode).toBe(200);
    const form = { method: 'POST' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'password=wrong' };
    expect((await t.app.inject({ ...form, url: `/s/${tokens[1]}` })).statusCode).toBe(403);
    expect((await t.app.inject(`/s/${'A'.repeat(43)}`)).statusCode).toBe(404);

    expect(logs).toContain('"path":"/s/[redacted]"');
    expect(logs).toContain(`"path":"/s/[redacted]/images/${asset.id}"`);
    for (const token of [...tokens, 'A'.repeat(43)]) expect(logs, token).not.toContain(token);
  });

  it('cut the query string, where the emailed links carry their tokens', () => {
    expect(loggedPath('/unsubscribe?token=secret-1')).toBe('/unsubscribe');
    expect(loggedPath('/reset?token=secret-2')).toBe('/reset');
    expect(loggedPath('/report?share=secret-3&asset=a')).toBe('/report');
    expect(loggedPath('/s/secret-4/thumbs/a1?g=grant')).toBe('/s/[redacted]/thumbs/a1');
    expect(loggedPath('/settings/shares')).toBe('/settings/shares');
  });
});
