import { describe, expect, it } from 'vitest';
import { appForFile, waitForGeneration, type TestUser } from '../../test-support/harness.js';
import { fillTemplate, templateVariables } from '@atelier/common/template-variables';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

const get = async (user: TestUser, url: string) => t.app.inject({ url, headers: { cookie: user.cookie } });
const send = (user: TestUser, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

describe('prompt history', () => {
  it('lists the person\'s own prompts newest first, each once, with search', async () => {
    for (const prompt of ['a red fox', 'a blue whale', 'a red fox']) {
      const g = (await send(alice, 'POST', '/api/v1/generations', { prompt, size: '64x64' })).json();
      await waitForGeneration(t.app, alice, g.id);
    }
    const all = (await get(alice, '/api/v1/prompts/history')).json().items;
    expect(all.map((p: { prompt: string; uses: number }) => [p.prompt, p.uses])).toEqual([['a red fox', 2], ['a blue whale', 1]]);
    expect((await get(alice, '/api/v1/prompts/history?q=WHALE')).json().items.map((p: { prompt: string }) => p.prompt)).toEqual(['a blue whale']);
    expect((await get(bob, '/api/v1/prompts/history')).json().items).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/prompts/history' })).statusCode).toBe(401);
  });
});

describe('prompt snippets', () => {
  it('creates, lists, updates and deletes templates with {{variables}}; others see none of them', async () => {
    const created = await send(alice, 'POST', '/api/v1/prompt-snippets', { name: ' Portrait ', text: 'a portrait of {{subject}} in {{ style }} light, {{subject}}' });
    expect(created.statusCode).toBe(201);
    const snippet = created.json();
    expect(snippet).toMatchObject({ name: 'Portrait', variables: ['subject', 'style'] });
    expect((await get(alice, '/api/v1/prompt-snippets')).json().items.map((s: { id: string }) => s.id)).toEqual([snippet.id]);
    const patched = await send(alice, 'PATCH', `/api/v1/prompt-snippets/${snippet.id}`, { text: 'just {{mood}}' });
    expect(patched.json()).toMatchObject({ name: 'Portrait', text: 'just {{mood}}', variables: ['mood'] });

    expect((await get(bob, '/api/v1/prompt-snippets')).json().items).toEqual([]);
    expect((await send(bob, 'PATCH', `/api/v1/prompt-snippets/${snippet.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await send(bob, 'DELETE', `/api/v1/prompt-snippets/${snippet.id}`)).statusCode).toBe(404);

    expect((await send(alice, 'POST', '/api/v1/prompt-snippets', { name: '  ', text: 'x' })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/prompt-snippets', { name: 'x', text: 'y'.repeat(2001) })).statusCode).toBe(400);
    expect((await send(alice, 'PATCH', `/api/v1/prompt-snippets/${snippet.id}`, {})).statusCode).toBe(400);
    expect((await send(alice, 'DELETE', `/api/v1/prompt-snippets/${snippet.id}`)).statusCode).toBe(204);
    expect((await get(alice, '/api/v1/prompt-snippets')).json().items).toEqual([]);
  });

  it('fills a template', () => {
    expect(templateVariables('{{a}} and {{ b }} and {{a}} but not {a} or {{}}')).toEqual(['a', 'b']);
    expect(fillTemplate('a {{subject}} in {{ season }}', { subject: 'fox', season: '' })).toBe('a fox in {{ season }}');
  });
});
