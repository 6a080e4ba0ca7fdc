/**
 * The studio's Gallery with 10 000 images, in Chromium: time to the first tile, then a scroll from the top to the
 * last image (the grid pages in 120 at a time as it goes) with every frame's interval measured in the page by
 * requestAnimationFrame, and the grid's DOM size at the end (virtualisation keeps it small whatever the count).
 *
 *   npm run build -w web && npm run bench:studio -w bench
 *   npm run bench:studio -w bench -- --images=10000 --px-per-frame=80 --width=1280 --height=900
 *
 * The real app runs in this process over a temp data folder (real SQLite file, real encrypted blob store). One
 * account signs up over HTTP; its images are stored through AssetService.upload (sharp ingest, encryption, one
 * row each) in concurrent batches, not as 10 000 HTTP uploads. Thumbnails are made on first request, as for a
 * person. Chromium is launched as the browser tests launch it (e2e/support/browser.ts: Debian's Chromium, headless).
 * Benchmarks print numbers; nothing here asserts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { launchBrowser } from '../../e2e/support/browser.js';
import { startBenchApp } from '../support/app.js';
import { Args } from '../support/args.js';
import { CpuWindow, machineLine } from '../support/machine.js';
import { ms, now, num, summarize, table } from '../support/stats.js';

const args = new Args();
const IMAGES = args.number('images', 10_000);
const BATCH = args.number('batch', 32);
const PX_PER_FRAME = args.number('px-per-frame', 80);
const VIEWPORT = { width: args.number('width', 1280), height: args.number('height', 900) };
const MAX_SCROLL_MS = args.number('max-scroll-s', 600) * 1000;
const LONG_FRAME_MS = 50;
/** Write a V8 CPU profile of the page's main thread during the scroll to this file (summarise it with
 * bench/support/cpuprofile-summary.ts; build the studio with `vite build --minify false` for readable names). */
const PROFILE = args.string('profile', '');

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = path.join(repoRoot, 'web', 'dist');

/** A few small distinct PNGs (64×64, one colour and a disc each), cycled over the uploads. */
async function smallImages(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const hue = (i * 360) / count;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue},60%,55%)"/>` +
      `<circle cx="32" cy="32" r="${10 + (i % 12)}" fill="hsl(${(hue + 180) % 360},70%,70%)"/></svg>`;
    out.push(await sharp(Buffer.from(svg)).png().toBuffer());
  }
  return out;
}

interface ScrollResult {
  intervals: number[];
  loaf: { count: number; durationMs: number; scriptMs: number; styleLayoutMs: number };
  durationMs: number;
  reachedEnd: boolean;
  finalScrollHeight: number;
  gridNodes: number;
  gridTiles: number;
  gridImages: number;
  documentNodes: number;
}

/**
 * Runs in the page (kept as plain JavaScript text: the TypeScript loader would add helpers the page lacks).
 * Scrolls by a fixed step on every animation frame until the last image's tile exists, recording frame intervals.
 */
const SCROLL_IN_PAGE = `({ pxPerFrame, maxMs, total }) => new Promise((resolve) => {
  const intervals = [];
  // Where long frames spend their time (Chromium's Long Animation Frames API): scripts, then style and layout.
  const loaf = { count: 0, durationMs: 0, scriptMs: 0, styleLayoutMs: 0 };
  const observer = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          loaf.count++;
          loaf.durationMs += e.duration;
          loaf.scriptMs += e.scripts.reduce((sum, s) => sum + s.duration, 0);
          if (e.styleAndLayoutStart) loaf.styleLayoutMs += e.startTime + e.duration - e.styleAndLayoutStart;
        }
      })
    : null;
  observer?.observe({ type: 'long-animation-frame' });
  const start = performance.now();
  let last = -1;
  const grid = () => document.querySelector('[role="list"][aria-label="Images"]');
  const finish = (reachedEnd) => { observer?.disconnect(); resolve({
    intervals,
    loaf,
    durationMs: performance.now() - start,
    reachedEnd,
    finalScrollHeight: document.scrollingElement.scrollHeight,
    gridNodes: grid().querySelectorAll('*').length,
    gridTiles: grid().querySelectorAll('[role="listitem"]').length,
    gridImages: grid().querySelectorAll('img').length,
    documentNodes: document.getElementsByTagName('*').length,
  }); };
  const frame = (ts) => {
    if (last >= 0) intervals.push(ts - last);
    last = ts;
    if (grid().querySelector('[role="listitem"][aria-posinset="' + total + '"]')) return finish(true);
    if (ts - start > maxMs) return finish(false);
    window.scrollBy(0, pxPerFrame);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/** Frame intervals over 3 s with nothing happening: what the machine gives a page at rest (a busy CPU shows here). */
const IDLE_FRAMES_IN_PAGE = `new Promise((resolve) => {
  const intervals = [];
  let last = -1;
  const start = performance.now();
  const frame = (ts) => {
    if (last >= 0) intervals.push(ts - last);
    last = ts;
    if (ts - start > 3000) return resolve(intervals);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('The studio is not built: run `npm run build -w web` first.');
  }
  console.log(machineLine());
  const bench = await startBenchApp({ config: { webDir, runWorkers: false } });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL: bench.baseUrl, viewport: VIEWPORT, locale: 'en-US' });
    // Choose "essential only" up front, so the cookie banner does not cover the grid.
    await context.addInitScript(() => localStorage.setItem('atelier.cookieChoice', 'declined'));
    const page = await context.newPage();
    await page.goto('/');
    const userId = await page.evaluate(async () => {
      const res = await fetch('/api/v1/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'gallery.bench@example.test', password: 'a long and fine password', name: 'Bench' }),
      });
      if (!res.ok) throw new Error(`signup: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { user: { id: string } }).user.id;
    });

    const pictures = await smallImages(24);
    let t0 = now();
    const cpu = new CpuWindow();
    for (let done = 0; done < IMAGES; done += BATCH) {
      const n = Math.min(BATCH, IMAGES - done);
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          bench.services.assets.upload(userId, { data: pictures[(done + i) % pictures.length]!, fileName: `bench-${done + i}.png` }),
        ),
      );
    }
    const insertMs = now() - t0;
    const insertCpu = cpu.read();
    console.log(`stored ${num(IMAGES)} images through AssetService.upload in ${ms(insertMs)} ms (${num(IMAGES / (insertMs / 1000))}/s)`);

    // Time to first tile: navigation start to the first grid tile in the DOM, and to its thumbnail decoded.
    t0 = now();
    await page.goto('/gallery');
    const firstTile = await page.waitForFunction(() => {
      const tile = document.querySelector('[role="list"][aria-label="Images"] [role="listitem"]');
      return tile ? performance.now() : 0;
    });
    const firstTileMs = (await firstTile.jsonValue()) as number;
    const firstThumb = await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[role="list"][aria-label="Images"] img');
      return img && img.complete && img.naturalWidth > 0 ? performance.now() : 0;
    }, undefined, { timeout: 60_000 });
    const firstThumbMs = (await firstThumb.jsonValue()) as number;
    const gotoWallMs = now() - t0;

    const idle = summarize((await page.evaluate(IDLE_FRAMES_IN_PAGE)) as number[]);
    const idleLine = `${ms(idle.p50)} / ${ms(idle.p95)} / ${ms(idle.max)} ms, ${num(idle.n)} frames`;

    const cdp = PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    cpu.restart();
    const scroll = (await page.evaluate(
      `(${SCROLL_IN_PAGE})(${JSON.stringify({ pxPerFrame: PX_PER_FRAME, maxMs: MAX_SCROLL_MS, total: IMAGES })})`,
    )) as ScrollResult;
    const scrollCpu = cpu.read();
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(PROFILE, JSON.stringify(profile));
      console.log(`CPU profile of the page during the scroll: ${PROFILE}`);
    }

    const frames = summarize(scroll.intervals);
    const long = scroll.intervals.filter((v) => v > LONG_FRAME_MS);
    console.log(`\nGallery with ${num(IMAGES)} images, ${VIEWPORT.width}×${VIEWPORT.height}, scrolled ${PX_PER_FRAME} px per frame`);
    console.log(table(
      ['measure', 'value'],
      [
        ['time to first tile (navigation start → first tile in the DOM)', `${ms(firstTileMs)} ms`],
        ['time to first thumbnail shown (→ first image decoded)', `${ms(firstThumbMs)} ms`],
        ['page.goto → first thumbnail, seen from Node', `${ms(gotoWallMs)} ms`],
        ['scroll top → last image', `${(scroll.durationMs / 1000).toFixed(1)} s, ${num(scroll.finalScrollHeight)} px, reached end: ${scroll.reachedEnd}`],
        ['frames measured', num(frames.n)],
        ['frame interval p50 / p95 / p99 / max', `${ms(frames.p50)} / ${ms(frames.p95)} / ${ms(frames.p99)} / ${ms(frames.max)} ms`],
        [`long frames (> ${LONG_FRAME_MS} ms)`, `${num(long.length)} (${((100 * long.length) / Math.max(1, frames.n)).toFixed(2)} %)`],
        ['long animation frames: count, total / in scripts / in style+layout',
          `${num(scroll.loaf.count)}, ${ms(scroll.loaf.durationMs)} / ${ms(scroll.loaf.scriptMs)} / ${ms(scroll.loaf.styleLayoutMs)} ms`],
        ['idle page (no scrolling, 3 s): frame p50 / p95 / max, frames', idleLine],
        ['grid at the end: tiles / images / DOM elements', `${num(scroll.gridTiles)} / ${num(scroll.gridImages)} / ${num(scroll.gridNodes)}`],
        ['whole document at the end: DOM elements', num(scroll.documentNodes)],
        [`store ${num(IMAGES)} images (AssetService.upload, batches of ${BATCH})`, `${(insertMs / 1000).toFixed(1)} s`],
      ],
    ));
    const cores = (c: { selfCores: number; otherCores: number | undefined }) =>
      `this process ${c.selfCores.toFixed(2)} cores, rest of the machine ${c.otherCores === undefined ? '?' : c.otherCores.toFixed(2)} cores`;
    console.log(`\nCPU while storing: ${cores(insertCpu)}; while scrolling: ${cores(scrollCpu)} (Chromium counts as the rest)`);
  } finally {
    await browser.close();
    await bench.close();
  }
}

await main();
