/**
 * The engine contract: what every engine (built-in, Seedream, OpenAI-compatible, ComfyUI, Automatic1111) must do,
 * each run against its conformance stub. Engines come from the app's registry, as the server builds them.
 */
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, waitForGeneration, type TestApp } from '../test-support/harness.js';
import { A1111Stub } from '../test-support/stubs/a1111-stub.js';
import { ComfyUiStub } from '../test-support/stubs/comfyui-stub.js';
import { engineConfig, RecordingRuntime, waitUntil } from '../test-support/stubs/engine-test-env.js';
import { ModelArkStub } from '../test-support/stubs/modelark-stub.js';
import { OpenAiStub } from '../test-support/stubs/openai-stub.js';
import { parseSize } from '../media/index.js';
import { isRequestChecker, type EngineCapabilities, type EngineImage, type EngineJob, type EngineOutputError, type ImageEngine } from './engine.js';
import { EngineCapabilitiesSchema } from './schemas.js';

const PROMPT = 'contract-canary-prompt-5e0c a kite over dunes';
const ARK_KEY = 'ark-contract-key-19ab';
const OPENAI_KEY = 'sk-contract-openai-77';

let ark: ModelArkStub;
let openai: OpenAiStub;
let comfy: ComfyUiStub;
let a1111: A1111Stub;
let t: TestApp;
let logs = '';

/** How the contract reaches into each engine's stub: make the next call hang, fail one image, see a cancellation. */
interface Subject {
  id: string;
  hang?(): void;
  /** True once the engine's work is under way at the stub (so a cancellation reaches the engine mid-call). */
  busy?(): boolean;
  /** True once the stub saw the engine give up the call (connection dropped, interrupt sent). */
  sawCancel?(): boolean;
  /** Scripts the next call to lose image 1 of the set; absent where the engine's service has no such failure. */
  failOne?(): void;
}

const since = (n: number, list: () => unknown[]) => list().length > n;

const SUBJECTS: Subject[] = [
  { id: 'builtin' },
  {
    id: 'seedream',
    hang: () => ark.script.push({ kind: 'hang' }),
    busy: () => ark.requests.some((r) => r.status === undefined && !r.clientAborted),
    sawCancel: () => ark.requests.some((r) => r.clientAborted),
    failOne: () => ark.script.push({ kind: 'success', failures: [{ index: 1, code: 'OutputImageSensitiveContentDetected' }] }),
  },
  {
    id: 'openai',
    hang: () => openai.script.push({ kind: 'hang' }),
    busy: () => openai.requests.some((r) => r.status === undefined && !r.clientAborted),
    sawCancel: () => openai.requests.some((r) => r.clientAborted),
  },
  {
    id: 'comfyui',
    hang: () => comfy.script.push({ kind: 'hang' }),
    busy: () => comfy.isRunning(),
    sawCancel: () => comfy.requests.some((r) => r.path === '/interrupt'),
    failOne: () => comfy.script.push({ kind: 'garbled', index: 1 }),
  },
  {
    id: 'a1111',
    hang: () => a1111.script.push({ kind: 'hang' }),
    busy: () => a1111.isRunning(),
    sawCancel: () => a1111.requests.some((r) => r.path === '/sdapi/v1/interrupt'),
    failOne: () => a1111.script.push({ kind: 'garbled', index: 1 }),
  },
];

beforeAll(async () => {
  [ark, openai, comfy, a1111] = await Promise.all([ModelArkStub.start({ apiKey: ARK_KEY }), OpenAiStub.start({ apiKey: OPENAI_KEY }),
    ComfyUiStub.start(), A1111Stub.start()]);
  const stream = new PassThrough();
  stream.on('data', (c) => (logs += c.toString()));
  t = await createTestApp({
    logStream: stream,
    engineRuntime: new RecordingRuntime(),
    config: {
      logLevel: 'trace',
      engines: engineConfig({
        ATELIER_SEEDREAM_API_KEY: ARK_KEY, ATELIER_SEEDREAM_BASE_URL: ark.url,
        ATELIER_OPENAI_API_KEY: OPENAI_KEY, ATELIER_OPENAI_BASE_URL: openai.baseUrl,
        ATELIER_COMFYUI_URL: comfy.url, ATELIER_COMFYUI_POLL_MS: '20', ATELIER_A1111_URL: a1111.url, ATELIER_ENGINE_RETRIES: '1',
      }),
    },
  });
  // The local engines learn what they have by asking; the contract holds them to what they then say.
  await waitUntil('the local engines know their models', () => ['comfyui', 'a1111'].every((id) => engine(id).describe().model));
});
afterAll(async () => {
  await t.close();
  await Promise.all([ark.close(), openai.close(), comfy.close(), a1111.close()]);
});

const engine = (id: string): ImageEngine => t.services.engines.get(id);

/** The smallest square the engine accepts, as the generation service would size it. */
function smallSize(e: ImageEngine): { width: number; height: number } {
  const caps = e.describe();
  const side = Math.max(256, Math.ceil(Math.sqrt(caps.minPixels) / 64) * 64);
  const bounds = { presets: caps.sizePresets, minPixels: caps.minPixels, maxPixels: caps.maxPixels, maxSide: caps.maxSide };
  for (const size of [`${side}x${side}`, caps.defaultSize ?? '1K']) {
    try {
      const s = parseSize(size, bounds);
      if (isRequestChecker(e)) e.checkRequest({ mode: 'generate', size, width: s.width, height: s.height, count: 1, images: [] });
      return s;
    } catch {
      // the next candidate
    }
  }
  throw new Error(`no size for ${caps.id}`);
}

function job(e: ImageEngine, over: Partial<EngineJob> = {}): EngineJob {
  const { width, height } = smallSize(e);
  return { generationId: `contract-${e.id}`, mode: 'generate', prompt: PROMPT, width, height, size: `${width}x${height}`, seed: 3, count: 1,
    watermark: false, references: [], doneIndexes: new Set(), ...over };
}

async function runJob(e: ImageEngine, j: EngineJob, signal = new AbortController().signal) {
  const images: EngineImage[] = [];
  const errors: EngineOutputError[] = [];
  const result = await e.run(j, {
    signal, onImage: async (i) => void images.push(i), onOutputError: async (err) => void errors.push(err), onProgress: () => undefined,
  });
  return { images, errors, result };
}

describe.each(SUBJECTS)('engine contract: $id', (subject) => {
  it('describes itself honestly: a valid description, sets of at most 15, tools only where it edits', () => {
    const caps: EngineCapabilities = engine(subject.id).describe();
    expect(Value.Check(EngineCapabilitiesSchema, caps)).toBe(true);
    expect(caps.id).toBe(subject.id);
    expect(caps.maxOutputs).toBeGreaterThanOrEqual(1);
    expect(caps.maxOutputs).toBeLessThanOrEqual(15);
    expect(caps.minPixels).toBeLessThanOrEqual(caps.maxPixels);
    if (caps.tools?.length) expect(caps.modes).toContain('edit');
    if (caps.tools?.includes('upscale')) expect(caps.upscaleFactors?.length).toBeGreaterThan(0);
    if (caps.controls?.includes('sampler')) expect(caps.samplers?.length).toBeGreaterThan(0);
  });

  it('makes the size and the number of images asked for, one image per output index', async () => {
    const e = engine(subject.id);
    const count = Math.min(2, e.describe().maxOutputs);
    const j = job(e, { count });
    const { images, errors } = await runJob(e, j);
    expect(errors).toEqual([]);
    expect(images.map((i) => i.index).sort()).toEqual([...Array(count).keys()]);
    for (const image of images) expect([image.width, image.height]).toEqual([j.width, j.height]);
  });

  it('makes the set from as many reference images as it says it takes', async () => {
    const e = engine(subject.id);
    const { maxReferences } = e.describe();
    if (maxReferences === 0) return;
    const data = await sharp({ create: { width: 320, height: 256, channels: 3, background: '#3a6' } }).png().toBuffer();
    const references = Array.from({ length: maxReferences }, (_, i) => ({ assetId: `ref-${i}`, mime: 'image/png', width: 320, height: 256, data }));
    const j = job(e, { count: Math.min(2, e.describe().maxOutputs), references });
    const { images, errors } = await runJob(e, j);
    expect(errors).toEqual([]);
    expect(images).toHaveLength(j.count);
    for (const image of images) expect([image.width, image.height]).toEqual([j.width, j.height]);
  });

  it('makes only the outputs still owed when an earlier attempt stored some', async () => {
    const e = engine(subject.id);
    if (e.describe().maxOutputs < 2) return;
    const { images } = await runJob(e, job(e, { count: 2, doneIndexes: new Set([0]) }));
    expect(images.map((i) => i.index)).toEqual([1]);
  });

  it('refuses, before queueing, more images or larger sizes than it describes', async () => {
    const u = await signUp(t.app);
    const caps = engine(subject.id).describe();
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers, payload: { engine: subject.id, prompt: 'x', ...payload } });
    if (caps.maxOutputs < 15) expect((await post({ count: caps.maxOutputs + 1 })).statusCode).toBe(400);
    const side = caps.maxSide + 64;
    expect((await post({ size: `${side}x${side}` })).statusCode).toBe(400);
  });

  it.skipIf(!subject.failOne)('keeps the rest of a set when one image fails, and says which', async () => {
    const e = engine(subject.id);
    subject.failOne!();
    const { images, errors } = await runJob(e, job(e, { count: 3 }));
    expect(images.map((i) => i.index).sort()).toEqual([0, 2]);
    expect(errors.map((err) => err.index)).toEqual([1]);
    expect(errors[0]!.message).not.toContain('contract-canary');
  });

  it('stops when cancelled, and lets the service know', async () => {
    const e = engine(subject.id);
    const controller = new AbortController();
    subject.hang?.();
    const running = runJob(e, job(e), controller.signal);
    if (subject.busy) await waitUntil(`${subject.id} is working`, subject.busy);
    controller.abort(new Error('cancelled by the test'));
    // Rejecting (with the signal's reason or the engine's own abort error) is what tells the runner nothing was made.
    await expect(running).rejects.toBeInstanceOf(Error);
    if (subject.sawCancel) await waitUntil(`${subject.id}'s service saw the cancellation`, subject.sawCancel);
  });

  it('never writes the prompt to the logs', async () => {
    const u = await signUp(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers,
      payload: { engine: subject.id, prompt: PROMPT, size: `${job(engine(subject.id)).width}x${job(engine(subject.id)).height}` } });
    expect(res.statusCode, res.body).toBe(202);
    expect((await waitForGeneration(t.app, u, res.json().id)).status).toBe('succeeded');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('contract-canary');
  });
});
