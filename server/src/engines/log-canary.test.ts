import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, waitForGeneration, type TestApp } from '../test-support/harness.js';
import { engineConfig, RecordingRuntime } from '../test-support/stubs/engine-test-env.js';
import { ModelArkStub } from '../test-support/stubs/modelark-stub.js';
import { OpenAiStub } from '../test-support/stubs/openai-stub.js';

const SEEDREAM_KEY = 'canary-ark-key-3e8b1f0a77';
const OPENAI_KEY = 'sk-canary-openai-6c2d90';
const PROMPT = 'canary-engine-prompt-b4e2c1 a red kite';

let ark: ModelArkStub;
let openai: OpenAiStub;
let t: TestApp;
let logs = '';

beforeAll(async () => {
  ark = await ModelArkStub.start({ apiKey: SEEDREAM_KEY });
  openai = await OpenAiStub.start({ apiKey: OPENAI_KEY });
  const stream = new PassThrough();
  stream.on('data', (c) => (logs += c.toString()));
  t = await createTestApp({
    logStream: stream,
    engineRuntime: new RecordingRuntime(),
    config: {
      logLevel: 'trace',
      engines: engineConfig({
        ATELIER_SEEDREAM_API_KEY: SEEDREAM_KEY, ATELIER_SEEDREAM_BASE_URL: ark.url,
        ATELIER_OPENAI_API_KEY: OPENAI_KEY, ATELIER_OPENAI_BASE_URL: openai.baseUrl, ATELIER_ENGINE_RETRIES: '1',
      }),
    },
  });
});
afterAll(async () => {
  await t.close();
  await ark.close();
  await openai.close();
});

describe('provider engines and the logs', () => {
  it('never write an API key or a prompt to the logs, whether calls succeed, are refused or fail', async () => {
    const u = await signUp(t.app);
    ark.script.push({ kind: 'error', status: 429 }, { kind: 'success' }, { kind: 'error', status: 401 },
      { kind: 'moderation', code: 'InputTextSensitiveContentDetected', shape: 'http-400' }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    openai.script.push({ kind: 'error', status: 401 }, { kind: 'moderation', code: 'moderation_blocked' });
    for (const engine of ['seedream', 'seedream', 'seedream', 'seedream', 'openai', 'openai', 'openai']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers, payload: { engine, prompt: PROMPT, size: '1K' } });
      expect(res.statusCode).toBe(202);
      await waitForGeneration(t.app, u, res.json().id);
    }
    await t.app.inject({ method: 'GET', url: '/api/v1/admin/engines', headers: { cookie: u.cookie } });
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [SEEDREAM_KEY, OPENAI_KEY, 'canary-engine-prompt-b4e2c1']) expect(logs, secret).not.toContain(secret);
  });
});
