import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';

/** The probability of each class nsfwjs reports (Drawing, Hentai, Neutral, Porn, Sexy), 0 to 1. */
export type ImageScores = Record<string, number>;

export interface ImageClassifier {
  classify(image: Buffer): Promise<ImageScores>;
}

/** The side of the square the model looks at (MobileNetV2's input). */
const MODEL_SIDE = 224;

// Plain JavaScript run by the worker thread (eval'd: no build step or loader of its own). TensorFlow.js in pure
// JavaScript computes synchronously for seconds; on a thread of its own it never holds up the server's requests.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const tf = require(workerData.tfjs);
const nsfwjs = require(workerData.nsfwjs);
const model = tf.setBackend('cpu').then(() => nsfwjs.load('MobileNetV2'));
parentPort.on('message', async ({ id, pixels, side }) => {
  try {
    const m = await model;
    const input = tf.tensor3d(pixels, [side, side, 3], 'int32');
    try {
      const predictions = await m.classify(input, 5);
      parentPort.postMessage({ id, scores: Object.fromEntries(predictions.map((p) => [p.className, p.probability])) });
    } finally {
      input.dispose();
    }
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

let shared: NsfwImageClassifier | undefined;

/**
 * The process's one classifier: the model takes hundreds of MiB and seconds to load, so every app built in the
 * process (one in production, several in a test file) shares it. Its thread never keeps the process alive.
 */
export function sharedImageClassifier(): NsfwImageClassifier {
  shared ??= new NsfwImageClassifier();
  return shared;
}

/**
 * nsfwjs with the MobileNetV2 model bundled in its npm package, on @tensorflow/tfjs's pure JavaScript backend, in one
 * worker thread per process (nothing is downloaded, at install or at run time). The image is decoded and shrunk by
 * sharp on this side; the thread classifies one image at a time, in the order asked.
 */
export class NsfwImageClassifier implements ImageClassifier {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (s: ImageScores) => void; reject: (e: Error) => void }>();

  async classify(image: Buffer): Promise<ImageScores> {
    const { data } = await sharp(image, { limitInputPixels: false }).resize(MODEL_SIDE, MODEL_SIDE, { fit: 'fill' })
      .removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const id = this.nextId++;
    const pixels = Int32Array.from(data);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage({ id, pixels, side: MODEL_SIDE }, [pixels.buffer]);
    });
  }

  /** Starts loading the model now, so the first image does not wait for it. */
  warm(): void {
    this.thread();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const require = createRequire(import.meta.url);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true, workerData: { tfjs: require.resolve('@tensorflow/tfjs'), nsfwjs: require.resolve('nsfwjs') }, stdout: true, stderr: true,
    });
    // TensorFlow.js greets on the console ("install our node backend"); the thread's output is not the server's log.
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    worker.on('message', (m: { id: number; scores?: ImageScores; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.scores) w?.resolve(m.scores);
      else w?.reject(new Error(`image classifier: ${m.error}`));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('image classifier: the thread stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
