import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, waitForGeneration, type TestApp } from '../test-support/harness.js';
import type { ModelArkStub } from '../test-support/stubs/modelark-stub.js';
import type { OpenAiStub } from '../test-support/stubs/openai-stub.js';
import { providerStubApp, type ProviderStubApp } from '../test-support/stubs/provider-stub-app.js';

const SEEDREAM_KEY = 'canary-ark-key-3e8b1f0a77';
const OPENAI_KEY = 'sk-canary-openai-6c2d90';
const PROMPT = 'canary-engine-prompt-b4e2c1 a red kite';

let stubs: ProviderStubApp;
let ark: ModelArkStub;
let openai: OpenAiStub;
let t: TestApp;

beforeAll(async () => {
  stubs = await providerStubApp({ ark: SEEDREAM_KEY, openai: OPENAI_KEY });
  ({ ark, openai, t } = stubs);
});
afterAll(() => stubs.close());

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
    const logs = stubs.logs();
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [SEEDREAM_KEY, OPENAI_KEY, 'canary-engine-prompt-b4e2c1']) expect(logs, secret).not.toContain(secret);
  });
});
