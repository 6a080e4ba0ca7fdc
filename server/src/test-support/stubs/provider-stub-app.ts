import { PassThrough } from 'node:stream';
import type { Config } from '../../config.js';
import { createTestApp, type TestApp } from '../harness.js';
import { engineConfig, RecordingRuntime } from './engine-test-env.js';
import { ModelArkStub } from './modelark-stub.js';
import { OpenAiStub } from './openai-stub.js';

export interface ProviderStubApp {
  ark: ModelArkStub;
  openai: OpenAiStub;
  t: TestApp;
  /** Everything the app logged so far, at trace level. */
  logs(): string;
  close(): Promise<void>;
}

/**
 * An app with Seedream and OpenAI configured against their conformance stubs (the server's keys given), its log
 * captured at trace level and retry waits recorded, not slept: the setting of the log-canary tests.
 */
export async function providerStubApp(keys: { ark: string; openai: string }, config: Partial<Config> = {}): Promise<ProviderStubApp> {
  const ark = await ModelArkStub.start({ apiKey: keys.ark });
  const openai = await OpenAiStub.start({ apiKey: keys.openai });
  let logs = '';
  const stream = new PassThrough();
  stream.on('data', (c) => (logs += c.toString()));
  const t = await createTestApp({
    logStream: stream,
    engineRuntime: new RecordingRuntime(),
    config: {
      logLevel: 'trace',
      engines: engineConfig({
        ATELIER_SEEDREAM_API_KEY: keys.ark, ATELIER_SEEDREAM_BASE_URL: ark.url,
        ATELIER_OPENAI_API_KEY: keys.openai, ATELIER_OPENAI_BASE_URL: openai.baseUrl, ATELIER_ENGINE_RETRIES: '1',
      }),
      ...config,
    },
  });
  return {
    ark, openai, t, logs: () => logs,
    async close() {
      await t.close();
      await ark.close();
      await openai.close();
    },
  };
}
