import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A1111Stub } from '../../server/src/test-support/stubs/a1111-stub.js';
import { apiInPage as callApiInPage, expectAccessible, openPage, screenshot } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// The server and studio are built once by e2e/support/global-build.ts; the A1111 stub runs in this process.
let stub: A1111Stub;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  stub = await A1111Stub.start();
  ({ dataDir, server, browser } = await startStudio('edit-tools', { ATELIER_A1111_URL: stub.url }));
  ({ page, errors } = await openPage(browser, server.url));
}, 120_000);

afterAll(async () => {
  await stopStudio({ dataDir, server, browser });
  await stub?.close();
});

const apiInPage = <T,>(method: string, url: string, body?: unknown) => callApiInPage<T>(page, method, url, body);

interface Gen {
  id: string;
  status: string;
  outputs: { asset?: { id: string; width: number; height: number } }[];
}

async function finished(id: string): Promise<Gen> {
  for (let i = 0; i < 600; i++) {
    const g = await apiInPage<Gen>('GET', `/api/v1/generations/${id}`);
    if (!['queued', 'running'].includes(g.status)) return g;
    await page.waitForTimeout(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

describe('AI tools on the Edit screen with an Automatic1111 engine', () => {
  let source: { id: string; width: number; height: number };

  it('lists the engine with its tools, says why background removal is off, and upscales 2× with the web UI\'s upscaler', async () => {
    await page.goto('/');
    await apiInPage('POST', '/api/v1/auth/signup', { email: 'edit.tools@example.test', password: 'a long and fine password', name: 'Ines' });
    const made = await finished((await apiInPage<Gen>('POST', '/api/v1/generations', { prompt: 'a quiet street', size: '320x256' })).id);
    source = made.outputs[0]!.asset!;
    await page.goto(`/edit/${source.id}`);
    await page.getByLabel('Engine').selectOption('a1111');
    await page.getByText('Remove background: No engine on this server offers this.').waitFor();
    expect(await page.getByRole('button', { name: 'Remove background' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Upscale 2×' }).click();
    await page.getByText('Done: a new image was made from this one.').waitFor({ timeout: 60_000 });
    expect(stub.jobs.at(-1)!.body).toMatchObject({ upscaling_resize: 2, upscaler_1: 'ESRGAN_4x' });
    await expectAccessible(page, 'edit-ai-tools');
    await screenshot(page, 'edit-ai-tools');
  });

  it('paints a mask and inpaints: the web UI gets a white-on-black mask of the image\'s size', async () => {
    const canvas = page.getByRole('img', { name: 'Mask: paint the area to change with the pointer' });
    await page.waitForFunction(() => [...document.querySelectorAll('.mask-stage img')].every((i) => (i as HTMLImageElement).complete));
    // The mouse reaches only what is in the viewport: the stage sits below the engine picker.
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await page.getByLabel('What to paint in the marked area').fill('a red door');
    await page.getByRole('button', { name: 'Inpaint', exact: true }).click();
    await expect.poll(() => page.getByText('Done: a new image was made from this one.').count(), { timeout: 60_000 }).toBe(2);

    const job = stub.jobs.at(-1)!;
    expect(job.path).toBe('/sdapi/v1/img2img');
    expect(job.body.prompt).toBe('a red door');
    const mask = sharp(Buffer.from(String(job.body.mask), 'base64'));
    expect(await mask.metadata()).toMatchObject({ width: 320, height: 256 });
    const { data, info } = await mask.greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect(at(160, 128)).toBeGreaterThan(200);
    expect(at(10, 10)).toBeLessThan(30);
  });

  it('keeps the painted mask out of the gallery: it is the person\'s, but not one of their pictures', async () => {
    const gallery = await apiInPage<{ items: { kind: string }[]; total: number }>('GET', '/api/v1/assets');
    expect(gallery.items.map((a) => a.kind).sort()).toEqual(['edited', 'edited', 'generated']);
    expect(gallery.total).toBe(3);
  });

  it('shows the web UI\'s live preview while an edit runs', async () => {
    let release = () => {};
    stub.script.push({ kind: 'previewing', until: new Promise<void>((resolve) => (release = resolve)) });
    await page.getByLabel('Describe the edit').fill('make it autumn');
    await page.getByRole('button', { name: 'Apply instruction' }).click();
    const preview = page.getByRole('img', { name: 'The new image as the engine paints it (live preview)' });
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    release();
    await expect.poll(() => page.getByText('Done: a new image was made from this one.').count(), { timeout: 60_000 }).toBe(3);
    expect(await preview.count()).toBe(0);
  });

  it('logged no errors in the page', () => {
    // 4xx answers (the session check before signing up) are expected; nothing else is.
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
  });
});
