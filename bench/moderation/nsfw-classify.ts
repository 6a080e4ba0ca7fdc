/**
 * Cost of the image check per image, as the server runs it (server/src/modules/moderation/image-classifier.ts):
 * sharp decodes a 1K (1024²) image and shrinks it to 224², then nsfwjs (its bundled MobileNetV2) classifies it on
 * @tensorflow/tfjs in pure JavaScript, in the classifier's worker thread. Also measured: how long the main thread's
 * event loop was held up meanwhile (it should not be: the classifier has a thread of its own).
 * Run: npm run bench:moderation -w bench   (BENCH_IMAGES, default 10)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { sharedImageClassifier } from '../../server/src/modules/moderation/image-classifier.js';
import { machineLine } from '../support/machine.js';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 10);
const SIDE = 1024;

async function testImage(i: number): Promise<Buffer> {
  const hue = (i * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE}" height="${SIDE}">
    <rect width="100%" height="100%" fill="hsl(${hue},60%,50%)"/><circle cx="${SIDE / 2}" cy="${SIDE / 2}" r="${SIDE / 3}" fill="hsl(${(hue + 180) % 360},60%,40%)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const classifier = sharedImageClassifier();
const pngs = await Promise.all(Array.from({ length: IMAGES + 1 }, (_, i) => testImage(i)));
let t0 = performance.now();
// The first image waits for the model to load and warms the graph up: it is reported apart.
await classifier.classify(pngs[0]!);
const firstMs = performance.now() - t0;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const perImage: number[] = [];
for (const png of pngs.slice(1)) {
  t0 = performance.now();
  await classifier.classify(png);
  perImage.push(performance.now() - t0);
}
loop.disable();
console.log(machineLine());
console.log(JSON.stringify({
  backend: 'tfjs cpu (pure JavaScript), worker thread', model: 'MobileNetV2 (bundled with nsfwjs)', images: IMAGES, inputSide: SIDE,
  firstImageWithModelLoadMs: Math.round(firstMs), medianMsPerImage: Math.round(median(perImage)), maxMsPerImage: Math.round(Math.max(...perImage)),
  mainThreadEventLoopDelayMaxMs: Math.round(loop.max / 1e6), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
}));
process.exit(0);
