import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../test-support/harness.js';

/** No worker runs here, so every generation stays queued and each compatible call waits out its bound. */
const { t, people: [alice] } = appForFile({ people: 1, config: { workerConcurrency: 0, compatWaitMs: 300 } });

async function token(): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: alice.headers, payload: { name: 'slow', scopes: ['images'] } });
  return res.json().token;
}

const queued = async () =>
  (await t.app.inject({ url: '/api/v1/generations?status=queued', headers: { cookie: alice.cookie } })).json().items as any[];

describe('a compatible call whose images are not ready in time', () => {
  it('OpenAI: answers 504 naming the generation, which goes on in the history', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/images/generations', headers: { authorization: `Bearer ${await token()}` }, payload: { prompt: 'a slow boat' } });
    expect(res.statusCode).toBe(504);
    expect(res.headers['x-should-retry']).toBe('false');
    const [g] = await queued();
    expect(res.json().error).toMatchObject({ type: 'server_error', code: 'generation_timeout', message: expect.stringContaining(g.id) });
  });

  it('Seedream, streamed: ends the stream with an error event and [DONE]', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v3/images/generations', headers: { authorization: `Bearer ${await token()}` },
      payload: { model: 'x', prompt: 'a slow train', stream: true } });
    const events: EventSourceMessage[] = [];
    createParser({ onEvent: (e) => events.push(e) }).feed(res.body);
    expect(events.map((e) => e.event ?? e.data)).toEqual(['error', '[DONE]']);
    expect(JSON.parse(events[0]!.data).error).toMatchObject({ code: 'InternalServiceError', message: expect.stringContaining('history') });
    expect((await queued()).length).toBe(2);
  });
});
