import { describe, expect, it } from 'vitest';
import { appForFile } from '../test-support/harness.js';

const { t, people: [person] } = appForFile({ people: 1 });

describe('request validation', () => {
  it('refuses JSON bodies whose values have the wrong type instead of converting them', async () => {
    const cases: [string, string, object][] = [
      ['POST', '/api/v1/generations', { prompt: 42, size: '64x64' }],
      ['PATCH', '/api/v1/me', { name: 7 }],
      ['PATCH', '/api/v1/me', { preferences: { embedPromptInImages: 'true' } }],
      ['POST', '/api/v1/albums', { name: ['Holidays'] }],
    ];
    for (const [method, url, payload] of cases) {
      const res = await t.app.inject({ method: method as 'POST', url, headers: person!.headers, payload });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^body\.\w+/) });
    }
    const albums = await t.app.inject({ method: 'GET', url: '/api/v1/albums', headers: person!.headers });
    expect(albums.json().items).toEqual([]);
  });

  it('still reads numbers and booleans from query strings, which only carry text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/assets?limit=5&favorite=false&trash=true', headers: person!.headers });
    expect(res.statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/assets?limit=lots', headers: person!.headers });
    expect(wrong.statusCode).toBe(400);
  });
});
