import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { image } from '../../modules/assets/test-fixtures.js';
import type { TestApp, TestUser } from '../../test-support/harness.js';
import { A1111Stub } from '../../test-support/stubs/a1111-stub.js';
import { COMFY_CHECKPOINTS, COMFY_UPSCALE_MODELS, ComfyUiStub, CORE_NODES, REMBG_NODE } from '../../test-support/stubs/comfyui-stub.js';
import { waitUntil, type RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import { localEngineClient, squareMask, startEngineApp } from '../../test-support/stubs/local-engine-test.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { SHIPPED_TEMPLATES } from './templates.js';

const TOKEN = 'comfy-proxy-token-91be';
const PROMPT = 'comfy-secret-prompt-44a0 a lantern in the fog';

let stub: ComfyUiStub;
let t: TestApp;
let runtime: RecordingRuntime;
let admin: TestUser;
let alice: TestUser;
const client = localEngineClient(() => t, 'comfyui');

beforeAll(async () => {
  stub = await ComfyUiStub.start({ token: TOKEN });
  ({ t, runtime, admin, alice } = await startEngineApp({
    ATELIER_COMFYUI_URL: stub.url, ATELIER_COMFYUI_TOKEN: TOKEN, ATELIER_COMFYUI_TIMEOUT_MS: '400', ATELIER_COMFYUI_POLL_MS: '20',
  }));
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

const lastPrompt = () => stub.prompts.at(-1)!;
const nodeOf = (graph: Record<string, any>, cls: string) => Object.values(graph).find((n: any) => n.class_type === cls) as any;

describe('ComfyUI engine', () => {
  it('offers what its nodes and models allow: checkpoint, samplers, image to image, inpaint, upscale (no rembg node)', async () => {
    expect(await client.capabilities(alice)).toMatchObject({
      neural: true, model: COMFY_CHECKPOINTS[0], modes: ['generate', 'edit'], maxOutputs: 15, maxReferences: 1, seed: true,
      tools: ['instruct', 'inpaint', 'upscale'], upscaleFactors: [2, 4], controls: ['negativePrompt', 'steps', 'guidance', 'sampler'],
      samplers: ['euler', 'euler_ancestral', 'dpmpp_2m'],
    });
  });

  it('queues the text-to-image workflow with its slots filled, follows it on the websocket and fetches each image', async () => {
    const g = await client.run('generations', {
      prompt: PROMPT, size: '512x384', count: 3, seed: 11, negativePrompt: 'text', steps: 9, guidance: 4.5, sampler: 'dpmpp_2m',
    }, alice);
    expect(g.status).toBe('succeeded');
    expect(g.model).toBe(COMFY_CHECKPOINTS[0]);
    const graph = lastPrompt();
    expect(nodeOf(graph, 'KSampler').inputs).toMatchObject({ seed: 11, steps: 9, cfg: 4.5, sampler_name: 'dpmpp_2m', denoise: 1 });
    expect(nodeOf(graph, 'EmptyLatentImage').inputs).toEqual({ width: 512, height: 384, batch_size: 3 });
    expect(nodeOf(graph, 'CheckpointLoaderSimple').inputs.ckpt_name).toBe(COMFY_CHECKPOINTS[0]);
    expect(graph['6'].inputs.text).toBe(PROMPT);
    expect(graph['7'].inputs.text).toBe('text');
    expect(nodeOf(graph, 'SaveImage').inputs.filename_prefix).toBe(`atelier/${g.id}`);
    const queued = stub.requests.filter((r) => r.path === '/prompt').at(-1)!;
    expect(queued.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(stub.websocketConnections).toBeGreaterThan(0);
    expect(g.outputs.map((o: any) => [o.asset.width, o.asset.height])).toEqual(Array(3).fill([512, 384]));
    const colours = await Promise.all(g.outputs.map((o: any) => client.colour(o.asset.urls.content, alice)));
    expect(new Set(colours).size).toBe(3);
  });

  it('makes a set from a reference image with the image-to-image workflow: uploaded into its reference slot, scaled, repeated', async () => {
    const reference = await client.upload(await image('png', 320, 256), alice);
    const g = await client.run('generations', { prompt: PROMPT, size: '512x384', count: 2, seed: 3, references: [reference] }, alice);
    expect(g.status).toBe('succeeded');
    const graph = lastPrompt();
    expect(nodeOf(graph, 'LoadImage').inputs.image).toBe(`atelier/${g.id}-reference.png`);
    expect(nodeOf(graph, 'ImageScale').inputs).toMatchObject({ width: 512, height: 384 });
    expect(nodeOf(graph, 'RepeatLatentBatch').inputs.amount).toBe(2);
    expect(graph['6'].inputs.text).toBe(PROMPT);
    expect(g.outputs.map((o: any) => [o.asset.width, o.asset.height])).toEqual([[512, 384], [512, 384]]);
  });

  it('keeps the good images when one saved file is unusable', async () => {
    stub.script.push({ kind: 'garbled', index: 0 });
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256', count: 2 }, alice);
    expect(g.status).toBe('partial');
    expect(g.outputs[0].error.code).toBe('OUTPUT_UNUSABLE');
    expect(g.outputs[1].asset).toBeDefined();
  });

  it('retries a crashed server, running out of memory and a stalled prompt (deleting it from the queue)', async () => {
    stub.script.push({ kind: 'error', status: 503 }, { kind: 'silent' });
    const before = stub.requests.length;
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice);
    expect(g.status).toBe('succeeded');
    expect(runtime.sleeps).toHaveLength(2);
    expect(stub.requests.slice(before).some((r) => r.path === '/queue' && Array.isArray(r.body.delete))).toBe(true);
    stub.script.push({ kind: 'execution_error', exceptionType: 'torch.cuda.OutOfMemoryError' });
    expect((await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice)).status).toBe('succeeded');
    expect(runtime.sleeps).toHaveLength(3);
  });

  it('fetches a saved image again when its download fails, without running the workflow again', async () => {
    stub.script.push({ kind: 'flaky_view', index: 1 });
    const before = stub.prompts.length;
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256', count: 2 }, alice);
    expect(g.status).toBe('succeeded');
    expect(stub.prompts.length - before).toBe(1);
    expect(runtime.sleeps).toHaveLength(1);
  });

  it('does not retry a node that fails for good, and says which node failed', async () => {
    stub.script.push({ kind: 'execution_error' });
    const g = await client.run('generations', { prompt: PROMPT, size: '256x256' }, alice);
    expect(g.error).toMatchObject({ code: 'ENGINE_REJECTED', message: expect.stringContaining('KSampler failed: RuntimeError') });
    expect(runtime.sleeps).toHaveLength(0);
  });

  it('forwards the binary preview frames of its websocket as live preview events', async () => {
    stub.script.push({ kind: 'previewing' });
    const run = await client.follow({ prompt: PROMPT, size: '256x256' }, alice);
    try {
      await waitUntil('the workflow runs', () => stub.isRunning());
      await stub.showPreviewAndFinish();
      expect((await run.finished()).status).toBe('succeeded');
      await waitUntil('a preview event arrived', () => run.events.some((e) => e.type === 'preview'));
    } finally {
      await run.stop();
    }
    const preview = run.events.find((e) => e.type === 'preview') as { image: string };
    const jpeg = await sharp(Buffer.from(preview.image.replace(/^data:image\/jpeg;base64,/, ''), 'base64')).metadata();
    expect(jpeg).toMatchObject({ format: 'jpeg', width: 64, height: 64 });
  });

  it('interrupts and dequeues the prompt when the generation is cancelled', async () => {
    stub.script.push({ kind: 'hang' });
    const before = stub.requests.length;
    const id = (await client.generate({ prompt: PROMPT, size: '256x256' }, alice)).json().id;
    await waitUntil('ComfyUI runs it', () => stub.isRunning());
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${id}/cancel`, headers: alice.headers });
    expect(cancel.json().status).toBe('canceled');
    await waitUntil('the prompt is interrupted', () => stub.requests.slice(before).some((r) => r.path === '/interrupt'));
    await waitUntil('the prompt left the queue', () => stub.requests.slice(before).some((r) => r.path === '/queue'));
    await waitUntil('ComfyUI stopped', () => !stub.isRunning());
  });

  it('edits: uploads the image (and the mask) to its input folder, then image to image, inpaint and upscale', async () => {
    const source = await client.upload(await image('png', 320, 256), alice);
    const edited = await client.run('edits', { assetId: source, instruction: 'snow on the roofs' }, alice);
    expect(edited.status).toBe('succeeded');
    expect(nodeOf(lastPrompt(), 'LoadImage').inputs.image).toBe(`atelier/${edited.id}-source.png`);
    expect(nodeOf(lastPrompt(), 'KSampler').inputs.denoise).toBe(0.6);
    expect(lastPrompt()['6'].inputs.text).toBe('snow on the roofs');
    const upload = stub.requests.filter((r) => r.path === '/upload/image').at(-1)!;
    expect(upload.body).toEqual({ type: 'input', subfolder: 'atelier', overwrite: 'true' });

    const mask = await client.upload(await squareMask(320, 256), alice);
    const inpainted = await client.run('edits', { assetId: source, instruction: 'a cat', tool: 'inpaint', mask }, alice);
    expect(inpainted.status).toBe('succeeded');
    expect(nodeOf(lastPrompt(), 'LoadImageMask').inputs).toEqual({ image: `atelier/${inpainted.id}-mask.png`, channel: 'red' });

    const upscaled = await client.run('edits', { assetId: source, tool: 'upscale', scale: 2 }, alice);
    expect(nodeOf(lastPrompt(), 'UpscaleModelLoader').inputs.model_name).toBe('RealESRGAN_x4plus.pth');
    expect(upscaled.outputs[0].asset).toMatchObject({ width: 640, height: 512 });
  });

  it('refuses background removal when no workflow for it can run here', async () => {
    const source = await client.upload(await image('png', 64, 64), alice);
    const res = await client.edit({ assetId: source, tool: 'removeBackground' }, alice);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('ComfyUI cannot remove backgrounds. No engine on this server can.');
  });
});

describe('ComfyUI with the operator\'s workflows and without a websocket', () => {
  let stub2: ComfyUiStub;
  let t2: TestApp;
  let bob: TestUser;
  let admin2: TestUser;
  const client2 = localEngineClient(() => t2, 'comfyui');

  beforeAll(async () => {
    stub2 = await ComfyUiStub.start({ websocket: false, nodes: [...CORE_NODES, REMBG_NODE] });
    const dir = tempDir();
    // Their text-to-image workflow names a checkpoint this ComfyUI lacks and leaves it out of the slots.
    const t2i = SHIPPED_TEMPLATES.find((w) => w.tool === 'generate')!;
    const graph = structuredClone(t2i.graph);
    graph['4']!.inputs.ckpt_name = 'missing.safetensors';
    const { checkpoint: _unused, ...slots } = t2i.slots;
    fs.writeFileSync(path.join(dir, 'my-t2i.json'), JSON.stringify(graph));
    fs.writeFileSync(path.join(dir, 'my-t2i.slots.json'), JSON.stringify({ tool: 'generate', output: '9', slots }));
    // And a quick one of their own beside it, offered by name.
    const quick = structuredClone(t2i.graph);
    quick['3']!.inputs.steps = 4;
    fs.writeFileSync(path.join(dir, 'quick.json'), JSON.stringify(quick));
    fs.writeFileSync(path.join(dir, 'quick.slots.json'), JSON.stringify({ tool: 'generate', output: '9', slots: t2i.slots, name: 'Quick draft', default: false }));
    ({ t: t2, admin: admin2, alice: bob } = await startEngineApp({
      ATELIER_COMFYUI_URL: stub2.url, ATELIER_COMFYUI_WORKFLOWS: dir, ATELIER_COMFYUI_POLL_MS: '20', ATELIER_COMFYUI_TIMEOUT_MS: '5000',
      ATELIER_COMFYUI_UPSCALE_MODEL: COMFY_UPSCALE_MODELS[1]!,
    }));
    await client2.discovered(bob);
  });
  afterAll(async () => {
    await t2.close();
    await stub2.close();
  });

  it('removes a background with the rembg workflow, following the prompt on /history', async () => {
    expect((await client2.capabilities(bob)).tools).toContain('removeBackground');
    const source = await client2.upload(await image('png', 96, 64), bob);
    const g = await client2.run('edits', { assetId: source, tool: 'removeBackground' }, bob);
    expect(g.status).toBe('succeeded');
    expect(g.prompt).toBe('Remove background');
    expect(nodeOf(stub2.prompts.at(-1)!, REMBG_NODE).inputs.images).toEqual(['1', 0]);
    expect(stub2.websocketConnections).toBe(0);
    expect(stub2.requests.some((r) => r.path.startsWith('/history/'))).toBe(true);
  });

  it('offers their extra workflow by name (the workflow control) and runs it when a request names it', async () => {
    const caps = await client2.capabilities(bob);
    expect(caps.controls).toContain('workflow');
    expect(caps.workflows).toEqual([
      { name: 'my-t2i', tool: 'generate', default: true },
      { name: 'Quick draft', tool: 'generate', default: false },
    ]);
    const g = await client2.run('generations', { prompt: PROMPT, size: '256x256', workflow: 'Quick draft' }, bob);
    expect(g.status).toBe('succeeded');
    expect(g.params.workflow).toBe('Quick draft');
    expect(nodeOf(stub2.prompts.at(-1)!, 'KSampler').inputs.steps).toBe(4);

    const unknown = await client2.generate({ prompt: PROMPT, workflow: 'Slow' }, bob);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ message: 'ComfyUI has no generate workflow "Slow". Workflows: my-t2i, Quick draft.', details: { field: 'workflow' } });
    const source = await client2.upload(await image('png', 96, 64), bob);
    const noChoice = await client2.edit({ assetId: source, tool: 'removeBackground', workflow: 'Quick draft' }, bob);
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.json().error.message).toBe('ComfyUI offers no choice of removeBackground workflow.');
    // An instruction done classically runs no engine workflow, whichever was picked.
    const classic = await client2.run('edits', { assetId: source, instruction: 'convert to grayscale', workflow: 'Quick draft' }, bob);
    expect(classic).toMatchObject({ status: 'succeeded', model: 'atelier-classic-edit' });
    expect(classic.params.workflow).toBeUndefined();
  });

  it('upscales with the upscale model ATELIER_COMFYUI_UPSCALE_MODEL names, not the first one listed', async () => {
    const source = await client2.upload(await image('png', 96, 64), bob);
    const g = await client2.run('edits', { assetId: source, tool: 'upscale', scale: 2 }, bob);
    expect(g.status).toBe('succeeded');
    expect(nodeOf(stub2.prompts.at(-1)!, 'UpscaleModelLoader').inputs.model_name).toBe('4x-UltraSharp.pth');
  });

  it('runs their workflow instead of ours; one this ComfyUI refuses is a settings problem, detailed for admins only', async () => {
    const g = await client2.run('generations', { prompt: PROMPT, size: '256x256' }, bob);
    expect(nodeOf(stub2.prompts.at(-1) ?? {}, 'CheckpointLoaderSimple')).toBeUndefined();
    expect(stub2.requests.filter((r) => r.path === '/prompt').at(-1)!.status).toBe(400);
    expect(g.error.code).toBe('ENGINE_UNAVAILABLE');
    const res = await t2.app.inject({ method: 'GET', url: '/api/v1/admin/engines', headers: { cookie: admin2.cookie } });
    const health = res.json().items.find((e: any) => e.id === 'comfyui').health;
    expect(health.lastError).toMatchObject({ httpStatus: 400, detail: expect.stringContaining('node 4 (CheckpointLoaderSimple): Value not in list') });
    expect(res.body).not.toContain('comfy-secret-prompt');
  });
});

describe('ComfyUI whose image-to-image workflow cannot run here', () => {
  let comfy: ComfyUiStub;
  let a1111: A1111Stub;
  let t3: TestApp;
  let carol: TestUser;
  const client3 = localEngineClient(() => t3, 'comfyui');

  beforeAll(async () => {
    // Without RepeatLatentBatch the shipped image-to-image workflow cannot run; text to image and inpainting can.
    comfy = await ComfyUiStub.start({ nodes: CORE_NODES.filter((n) => n !== 'RepeatLatentBatch') });
    a1111 = await A1111Stub.start();
    ({ t: t3, alice: carol } = await startEngineApp({ ATELIER_COMFYUI_URL: comfy.url, ATELIER_A1111_URL: a1111.url }));
    await client3.discovered(carol);
    await localEngineClient(() => t3, 'a1111').discovered(carol);
  });
  afterAll(async () => {
    await t3.close();
    await comfy.close();
    await a1111.close();
  });

  it('refuses an instruction at once, naming the engines that can edit by instruction (not itself)', async () => {
    expect((await client3.capabilities(carol)).tools).toEqual(['inpaint', 'upscale']);
    const source = await client3.upload(await image('png', 320, 256), carol);
    const res = await client3.edit({ assetId: source, instruction: 'replace the barn with a castle' }, carol);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_INSTRUCTION', details: { engines: ['a1111'] } });
    expect(res.json().error.message).toMatch(/ComfyUI cannot edit by instruction on this server; choose an engine that edits by instruction: Automatic1111 \("a1111"\)/);
    expect(comfy.prompts).toHaveLength(0);
  });
});
