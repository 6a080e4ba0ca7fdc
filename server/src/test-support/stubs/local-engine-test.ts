/** What the local engines' tests share: requests through the real app, uploads, reading an output's pixels. */
import sharp from 'sharp';
import { expect } from 'vitest';
import { multipart } from '../../modules/assets/test-fixtures.js';
import type { GenerationEvent } from '../../modules/generations/events.js';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../harness.js';
import { engineConfig, RecordingRuntime, waitUntil } from './engine-test-env.js';

export function localEngineClient(t: () => TestApp, engine: string) {
  const post = (url: string, payload: Record<string, unknown>, user: TestUser) =>
    t().app.inject({ method: 'POST', url, headers: user.headers, payload: { engine, ...payload } });
  return {
    generate: (payload: Record<string, unknown>, user: TestUser) => post('/api/v1/generations', payload, user),
    edit: (payload: Record<string, unknown>, user: TestUser) => post('/api/v1/edits', payload, user),
    async run(url: 'generations' | 'edits', payload: Record<string, unknown>, user: TestUser) {
      const res = await post(`/api/v1/${url}`, payload, user);
      expect(res.statusCode, res.body).toBe(202);
      return waitForGeneration(t().app, user, res.json().id);
    },
    async capabilities(user: TestUser) {
      const res = await t().app.inject({ method: 'GET', url: '/api/v1/engines', headers: { cookie: user.cookie } });
      return res.json().items.find((e: { id: string }) => e.id === engine);
    },
    /** Waits until the engine has been asked what it has (models listed). */
    async discovered(user: TestUser) {
      await waitUntil(`${engine} lists its models`, async () => Boolean((await this.capabilities(user))?.model));
    },
    /** An image (or, as the studio sends a painted one, a mask) uploaded; answers its asset id. */
    async upload(png: Buffer, user: TestUser, as: 'image' | 'mask' = 'image'): Promise<string> {
      const form = multipart({ data: png, filename: 'in.png', contentType: 'image/png' });
      const url = as === 'mask' ? '/api/v1/assets/masks' : '/api/v1/assets';
      const res = await t().app.inject({ method: 'POST', url, headers: { ...user.headers, ...form.headers }, payload: form.payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id;
    },
    /** Starts a generation and follows its live events from the moment it is accepted (until `stop`). */
    async follow(payload: Record<string, unknown>, user: TestUser) {
      const res = await post('/api/v1/generations', payload, user);
      expect(res.statusCode, res.body).toBe(202);
      const id: string = res.json().id;
      const events: GenerationEvent[] = [];
      const stop = await t().services.events.subscribe(id, (e) => events.push(e));
      return { id, events, stop, finished: () => waitForGeneration(t().app, user, id) };
    },
    async colour(url: string, user: TestUser): Promise<string> {
      const res = await t().app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
      const { dominant } = await sharp(res.rawPayload).stats();
      return `${dominant.r},${dominant.g},${dominant.b}`;
    },
  };
}

/** A black PNG mask with a white square (white = repaint). */
export function squareMask(width: number, height: number): Promise<Buffer> {
  const square = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="black"/>` +
    `<rect x="${width / 4}" y="${height / 4}" width="${width / 2}" height="${height / 2}" fill="white"/></svg>`);
  return sharp(square).png().toBuffer();
}

/** The app with these engine settings, quick retries (waits recorded, not slept) and two people: an admin first. */
export async function startEngineApp(env: Record<string, string>) {
  const runtime = new RecordingRuntime();
  const t = await createTestApp({
    engineRuntime: runtime,
    config: {
      engines: engineConfig({ ATELIER_ENGINE_RETRIES: '2', ATELIER_ENGINE_RETRY_BASE_MS: '100', ATELIER_ENGINE_RETRY_MAX_MS: '5000', ...env }),
    },
  });
  return { t, runtime, admin: await signUp(t.app), alice: await signUp(t.app) };
}
