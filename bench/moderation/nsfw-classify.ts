/**
 * Cost of classifying one image with nsfwjs (its bundled MobileNetV2 model) on @tensorflow/tfjs in pure JavaScript:
 * the model load once, then decode + resize (sharp) and classify per image. Run: npm run bench:moderation -w bench
 */
import * as tf from '@tensorflow/tfjs';
import * as nsfwjs from 'nsfwjs';
import sharp from 'sharp';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 20);
const SIDE = 1024;

async function testImage(i: number): Promise<Buffer> {
  const hue = (i * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE}" height="${SIDE}">
    <rect width="100%" height="100%" fill="hsl(${hue},60%,50%)"/><circle cx="${SIDE / 2}" cy="${SIDE / 2}" r="${SIDE / 3}" fill="hsl(${(hue + 180) % 360},60%,40%)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function toTensor(png: Buffer): Promise<tf.Tensor3D> {
  const { data, info } = await sharp(png).resize(224, 224, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3], 'int32');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await tf.setBackend('cpu');
let t0 = performance.now();
const model = await nsfwjs.load('MobileNetV2');
const loadMs = performance.now() - t0;
const pngs = await Promise.all(Array.from({ length: IMAGES + 1 }, (_, i) => testImage(i)));
const perImage: number[] = [];
for (const [i, png] of pngs.entries()) {
  t0 = performance.now();
  const input = await toTensor(png);
  const predictions = await model.classify(input);
  input.dispose();
  const ms = performance.now() - t0;
  if (i > 0) perImage.push(ms); // the first call warms the graph up
  if (i === 0) console.log('first prediction', predictions.map((p) => `${p.className}=${p.probability.toFixed(3)}`).join(' '));
}
console.log(JSON.stringify({
  backend: tf.getBackend(), model: 'MobileNetV2 (bundled)', images: IMAGES, inputSide: SIDE,
  loadMs: Math.round(loadMs), medianMsPerImage: Math.round(median(perImage)), maxMsPerImage: Math.round(Math.max(...perImage)),
  heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
}));
