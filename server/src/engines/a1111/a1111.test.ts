import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { image } from '../../modules/assets/test-fixtures.js';
import { waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { A1111_MODELS, A1111_RESAMPLERS, A1111Stub } from '../../test-support/stubs/a1111-stub.js';
import { engineConfig, waitUntil, type RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import type { EngineCall } from '../health.js';
import { A1111Engine } from './index.js';
import { localEngineClient, squareMask, startEngineApp } from '../../test-support/stubs/local-engine-test.js';

const AUTH = 'painter:s3cret-a1111-pass';
const PROMPT = 'a1111-secret-prompt-7d1 a harbour at dawn';

let stub: A1111Stub;
let t: TestApp;
let runtime: RecordingRuntime;
let admin: TestUser;
let alice: TestUser;
const client = localEngineClient(() => t, 'a1111');

beforeAll(async () => {
  stub = await A1111Stub.start({ auth: AUTH });
  ({ t, runtime, admin, alice } = await startEngineApp({ ATELIER_A1111_URL: stub.url, ATELIER_A1111_AUTH: AUTH, ATELIER_A1111_TIMEOUT_MS: '400', ATELIER_A1111_PROGRESS_MS: '100' }));
  await client.discovered(alice);
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
beforeEach(() => {
  stub.script.clear();
  runtime.sleeps.length = 0;
});

const lastJob = () => stub.jobs.at(-1)!;
/** Asks the web UI again what it has (as the engine does every minute). */
const refreshA1111 = () => (t.services.engines.get('a1111') as unknown as { refresh(): Promise<void> }).refresh();

describe('Automatic1111 engine', () => {
  it('lists what the web UI has: its checkpoint, samplers, upscaling and the diffusion controls', async () => {
    expect(await client.capabilities(alice)).toMatchObject({
      neural: true, model: A1111_MODELS[0], modes: ['generate', 'edit'], maxOutputs: 15, maxReferences: 1, seed: true,
      tools: ['instruct', 'inpaint', 'upscale'], upscaleFactors: [2, 4], controls: ['negativePrompt', 'steps', 'guidance', 'sampler'],
      samplers: ['Euler a', 'Euler', 'DPM++ 2M'],
    });
  });

  it('makes a set with one txt2img call (basic auth, documented fields, consecutive seeds), each image distinct', async () => {
    const g = await client.run('generations', {
      prompt: PROMPT, size: '512x768', count: 4, seed: 40, negativePrompt: 'blurry', steps: 12, guidance: 6.5, sampler: 'Euler a',
    }, alice);
    expect(g.status).toBe('succeeded');
    expect(g.model).toBe(A1111_MODELS[0]);
    const req = lastJob();
    expect(req.path).toBe('/sdapi/v1/txt2img');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(AUTH).toString('base64')}`);
    expect(req.body).toEqual({
      prompt: PROMPT, negative_prompt: 'blurry', seed: 40, sampler_name: 'Euler a', steps: 12, cfg_scale: 6.5, width: 512, height: 768,
      batch_size: 4, n_iter: 1, override_settings: { sd_model_checkpoint: A1111_MODELS[0] }, send_images: true, save_images: false,
    });
    expect(g.params).toMatchObject({ negativePrompt: 'blurry', steps: 12, guidance: 6.5, sampler: 'Euler a' });
    expect(g.outputs.map((o: any) => [o.asset.width, o.asset.height])).toEqual(Array(4).fill([512, 768]));
    const colours = await Promise.all(g.outputs.map((o: any) => client.colour(o.asset.urls.content, alice)));
    expect(new Set(colours).size).toBe(4);
  });

  it('makes a set from a reference image with img2img (its init image, cropped to the size asked); ControlNet is not driven', async () => {
    const reference = await client.upload(await image('png', 320, 256), alice);
    const g = await client.run('generations', { prompt: PROMPT, size: '512x512', count: 2, seed: 5, references: [reference] }, alice);
    expect(g.status).toBe('succeeded');
    expect(lastJob().path).toBe('/sdapi/v1/img2img');
    expect(lastJob().body).toMatchObject({ prompt: PROMPT, width: 512, height: 512, batch_size: 2, seed: 5, denoising_strength: 0.75, resize_mode: 1 });
    expect(lastJob().body.init_images).toHaveLength(1);
    expect(lastJob().body).not.toHaveProperty('alwayson_scripts');
    expect(g.outputs.map((o: any) => [o.asset.width, o.asset.height])).toEqual([[512, 512], [512, 512]]);
    const two = await client.generate({ prompt: PROMPT, references: [reference, await client.upload(await image('png', 64, 64), alice)] }, alice);
    expect(two.statusCode).toBe(400);
    expect(two.json().error.message).toBe('Automatic1111 takes at most 1 reference images.');
  });

  it('runs a set of 12 as two batches of 6 and skips a grid the web UI put first', async () => {
    stub.script.push({ kind: 'success', grid: true });
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256', count: 12 }, alice);
    expect(lastJob().body).toMatchObject({ batch_size: 6, n_iter: 2 });
    expect(g.status).toBe('succeeded');
    expect(g.outputs.every((o: any) => o.asset.width === 256)).toBe(true);
  });

  it('keeps the good images of a set when one is unusable, and says which', async () => {
    stub.script.push({ kind: 'garbled', index: 1 });
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256', count: 3 }, alice);
    expect(g.status).toBe('partial');
    expect(g.outputs.map((o: any) => Boolean(o.asset))).toEqual([true, false, true]);
    expect(g.outputs[1].error.code).toBe('OUTPUT_UNUSABLE');
  });

  it('retries crashes and timeouts with backoff, then gives up with a message; health keeps no prompt', async () => {
    stub.script.push({ kind: 'error', status: 503 }, { kind: 'slow', delayMs: 1500 });
    const ok = await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice);
    expect(ok.status).toBe('succeeded');
    expect(runtime.sleeps).toEqual([75, 150]);
    stub.script.push({ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const failed = await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice);
    expect(failed.error).toMatchObject({ code: 'ENGINE_FAILED', message: expect.stringContaining('after 3 attempts') });
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/admin/engines', headers: { cookie: admin.cookie } });
    const a1111 = health.json().items.find((e: any) => e.id === 'a1111');
    expect(a1111.health.lastError).toMatchObject({ httpStatus: 500, detail: expect.stringContaining('CUDA out of memory') });
    expect(health.body).not.toContain('a1111-secret-prompt');
    expect(health.body).not.toContain('s3cret');
  });

  it('interrupts a call that timed out before trying again: the web UI would keep the GPU and the next attempt waiting', async () => {
    stub.script.push({ kind: 'stuck', maxMs: 5000 });
    const before = stub.requests.length;
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice);
    expect(g.status).toBe('succeeded');
    const calls = stub.requests.slice(before).map((r) => r.path).filter((p) => p !== '/sdapi/v1/progress');
    expect(calls).toEqual(['/sdapi/v1/txt2img', '/sdapi/v1/interrupt', '/sdapi/v1/txt2img']);
  });

  it('refuses a request the web UI rejects without retrying it, and without echoing the prompt', async () => {
    const before = stub.jobs.length;
    stub.script.push({ kind: 'error', status: 422 });
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice);
    expect(g.error.code).toBe('ENGINE_REJECTED');
    expect(g.error.message).not.toContain('a1111-secret-prompt');
    expect(stub.jobs.length - before).toBe(1);
  });

  it('forwards the web UI\'s live preview (current_image on /progress) as a small JPEG on the generation\'s live events', async () => {
    stub.script.push({ kind: 'previewing' });
    const run = await client.follow({ prompt: PROMPT, size: '256x256' }, alice);
    try {
      expect((await run.finished()).status).toBe('succeeded');
      await waitUntil('a preview event arrived', () => run.events.some((e) => e.type === 'preview'));
    } finally {
      await run.stop();
    }
    expect(stub.previewsShown).toBeGreaterThan(0);
    const preview = run.events.find((e) => e.type === 'preview') as { image: string };
    expect(preview.image).toMatch(/^data:image\/jpeg;base64,/);
    const jpeg = await sharp(Buffer.from(preview.image.split(',')[1]!, 'base64')).metadata();
    expect(jpeg).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
  });

  it('interrupts the web UI when the generation is cancelled', async () => {
    stub.script.push({ kind: 'hang' });
    const id = (await client.generate({ prompt: PROMPT, size: '256x256' }, alice)).json().id;
    await waitUntil('the web UI is generating', () => stub.isRunning());
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${id}/cancel`, headers: alice.headers });
    expect(cancel.json().status).toBe('canceled');
    await waitUntil('the web UI was interrupted', () => stub.requests.some((r) => r.path === '/sdapi/v1/interrupt'));
  });

  it('edits by instruction with img2img, inpaints with the mask, and upscales with its upscaler', async () => {
    const source = await client.upload(await image('png', 320, 256), alice);
    const instructed = await client.run('edits', { assetId: source, instruction: 'make it autumn' }, alice);
    expect(instructed.status).toBe('succeeded');
    expect(lastJob().path).toBe('/sdapi/v1/img2img');
    expect(lastJob().body).toMatchObject({ prompt: 'make it autumn', width: 320, height: 256, denoising_strength: 0.6, batch_size: 1 });
    expect(lastJob().body.mask).toBeUndefined();

    const mask = await client.upload(await squareMask(320, 256), alice, 'mask');
    const inpainted = await client.run('edits', { assetId: source, instruction: 'a red door', tool: 'inpaint', mask }, alice);
    expect(inpainted.status).toBe('succeeded');
    expect(inpainted.params).toMatchObject({ tool: 'inpaint', maskAssetId: mask });
    expect(lastJob().body).toMatchObject({ inpainting_fill: 1, mask_blur: 4, mask: expect.any(String) });

    const upscaled = await client.run('edits', { assetId: source, tool: 'upscale', scale: 4 }, alice);
    expect(upscaled.status).toBe('succeeded');
    expect(upscaled.prompt).toBe('Upscale 4×');
    // The first upscaler model, not the classic resamplers (None, Lanczos, Nearest) the web UI lists before it.
    expect(lastJob().body).toMatchObject({ upscaling_resize: 4, upscaler_1: 'ESRGAN_4x' });
    expect(upscaled.outputs[0].asset).toMatchObject({ width: 1280, height: 1024 });
  });

  it('upscales to 4K with its upscaler (the factor reaching 4K, then exactly 4K); in Chinese too; without one it resizes', async () => {
    const source = await client.upload(await image('png', 1024, 768), alice);
    const asked = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId: source, instruction: 'upscale to 4K' } });
    expect(asked.statusCode, asked.body).toBe(202);
    const upscaled = await waitForGeneration(t.app, alice, asked.json().id);
    expect(upscaled).toMatchObject({ status: 'succeeded', engine: 'a1111', params: { tool: 'upscale', scale: 4, upscaleTo: 3840 } });
    expect(upscaled.params.operations).toBeUndefined();
    expect(lastJob().body).toMatchObject({ upscaling_resize: 4, upscaler_1: 'ESRGAN_4x' });
    expect(upscaled.outputs[0].asset).toMatchObject({ width: 3840, height: 2880 });

    const twice = await client.run('edits', { assetId: source, instruction: '放大2倍' }, alice);
    expect(twice.params).toMatchObject({ tool: 'upscale', scale: 2, upscaleTo: 2048 });
    expect(twice.outputs[0].asset).toMatchObject({ width: 2048, height: 1536 });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${upscaled.id}/rerun`, headers: alice.headers });
    expect((await waitForGeneration(t.app, alice, again.json().id)).params).toMatchObject({ tool: 'upscale', scale: 4, upscaleTo: 3840 });

    const before = stub.jobs.length;
    const saved = stub.upscalers;
    // A web UI with only its classic resamplers has no upscaler: Lanczos there is a resize, and Atelier resizes itself.
    stub.upscalers = A1111_RESAMPLERS;
    try {
      await refreshA1111();
      expect((await client.capabilities(alice)).tools).toEqual(['instruct', 'inpaint']);
      const resized = await client.run('edits', { assetId: source, instruction: '放大到4K' }, alice);
      expect(resized).toMatchObject({ status: 'succeeded', model: 'atelier-classic-edit', params: { operations: [{ op: 'resize', longSide: 3840 }] } });
      expect(resized.outputs[0].asset).toMatchObject({ width: 3840, height: 2880 });
      // A classic edit of an upload that made no claim makes none (not "composite with trained algorithmic media").
      const asset = (await t.app.inject({ method: 'GET', url: `/api/v1/assets/${resized.outputs[0].asset.id}`, headers: { cookie: alice.cookie } })).json();
      expect(asset.digitalSourceType).toBeUndefined();
      expect(stub.jobs.length).toBe(before);
    } finally {
      stub.upscalers = saved;
      await refreshA1111();
    }
  });

  it('refuses what it cannot do before queueing: background removal, unknown samplers, masks of another size', async () => {
    const source = await client.upload(await image('png', 320, 256), alice);
    const bg = await client.edit({ assetId: source, tool: 'removeBackground' }, alice);
    expect(bg.statusCode).toBe(400);
    expect(bg.json().error.message).toBe('Automatic1111 cannot remove backgrounds. No engine on this server can.');
    const sampler = await client.generate({ prompt: 'x', sampler: 'Heun' }, alice);
    expect(sampler.statusCode).toBe(400);
    expect(sampler.json().error.message).toContain('Samplers: Euler a, Euler, DPM++ 2M');
    const small = await client.upload(await squareMask(64, 64), alice);
    const wrongMask = await client.edit({ assetId: source, instruction: 'x', tool: 'inpaint', mask: small }, alice);
    expect(wrongMask.statusCode).toBe(400);
    expect(wrongMask.json().error.details.field).toBe('mask');
    const builtin = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: alice.headers, payload: { prompt: 'x', steps: 10 } });
    expect(builtin.statusCode).toBe(400);
    expect(builtin.json().error.message).toContain('does not take a step count');
  });
});

describe('Automatic1111 with ATELIER_A1111_UPSCALER', () => {
  const calls: EngineCall[] = [];
  const health = { record: async (call: EngineCall) => void calls.push(call) };
  const engineWith = (upscaler: string) => new A1111Engine(engineConfig({ ATELIER_A1111_URL: stub.url, ATELIER_A1111_AUTH: AUTH, ATELIER_A1111_UPSCALER: upscaler }).a1111!, health);

  it('upscales with the upscaler it names', async () => {
    const named = await startEngineApp({ ATELIER_A1111_URL: stub.url, ATELIER_A1111_AUTH: AUTH, ATELIER_A1111_UPSCALER: 'R-ESRGAN 4x+' });
    try {
      const other = localEngineClient(() => named.t, 'a1111');
      await other.discovered(named.alice);
      const source = await other.upload(await image('png', 320, 256), named.alice);
      expect((await other.run('edits', { assetId: source, tool: 'upscale', scale: 2 }, named.alice)).status).toBe('succeeded');
      expect(lastJob().body).toMatchObject({ upscaling_resize: 2, upscaler_1: 'R-ESRGAN 4x+' });
    } finally {
      await named.t.close();
    }
  });

  it('turns the upscale tool off, and says why on the health page, when it names no upscaler model of the web UI', async () => {
    for (const name of ['4x-UltraSharp', 'Lanczos']) {
      calls.length = 0;
      const engine = engineWith(name);
      await engine.refresh();
      expect(engine.describe()).toMatchObject({ tools: ['instruct', 'inpaint'], upscaleFactors: [] });
      expect(calls).toEqual([expect.objectContaining({ engine: 'a1111', outcome: 'error', code: 'CONFIG_PROBLEM',
        detail: expect.stringContaining(`ATELIER_A1111_UPSCALER="${name}" is not an upscaler model of this Automatic1111 (it has: ESRGAN_4x, LDSR,`) })]);
    }
  });
});
