import os from 'node:os';
import type { Metadata } from 'sharp';
import { MediaError } from './errors.js';

/**
 * Bytes a decode may take at its peak, from the header alone: the decoded frames at 4 bytes a pixel, the
 * pipeline's output and, for progressive JPEG, the coefficients libjpeg keeps for the whole image until the last
 * scan (2 bytes a sample). Deliberately generous: under-counting is what lets several uploads at once exhaust memory.
 */
export function decodeCost(meta: Pick<Metadata, 'width' | 'height' | 'pages' | 'isProgressive' | 'format'>): number {
  const pixels = (meta.width ?? 0) * (meta.height ?? 0) * Math.max(1, meta.pages ?? 1);
  const progressive = meta.format === 'jpeg' && meta.isProgressive ? 6 : 0;
  return pixels * (8 + progressive);
}

/** A quarter of the memory this process may use (the cgroup's limit in a container, else the machine's). */
export function defaultDecodeCapacity(): number {
  const limit = Math.min(os.totalmem(), process.constrainedMemory?.() || Number.POSITIVE_INFINITY);
  return Math.floor(limit / 4);
}

interface Waiter {
  bytes: number;
  start: () => void;
}

/**
 * A semaphore counted in bytes: decodes run while their estimated memory fits in `capacity`, the rest wait in
 * order. An image that could never fit is refused at once (IMAGE_TOO_LARGE), and when `maxWaiting` decodes wait
 * already the next is refused (SERVER_BUSY) rather than queued with its upload held in memory.
 */
export class DecodeBudget {
  private inUse = 0;
  private readonly waiting: Waiter[] = [];
  /** The most bytes held at once so far (for tests and metrics). */
  peak = 0;

  constructor(readonly capacity: number, private readonly maxWaiting = 32) {}

  async run<T>(bytes: number, decode: () => Promise<T>): Promise<T> {
    if (bytes > this.capacity) {
      throw new MediaError('IMAGE_TOO_LARGE', 'The image is too large to be processed on this server.');
    }
    await this.acquire(bytes);
    try {
      return await decode();
    } finally {
      this.release(bytes);
    }
  }

  private acquire(bytes: number): Promise<void> {
    if (this.waiting.length === 0 && this.inUse + bytes <= this.capacity) {
      this.take(bytes);
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new MediaError('SERVER_BUSY', 'The server is busy processing other images. Try again in a minute.'));
    }
    return new Promise((resolve) => this.waiting.push({ bytes, start: () => resolve() }));
  }

  private take(bytes: number): void {
    this.inUse += bytes;
    this.peak = Math.max(this.peak, this.inUse);
  }

  private release(bytes: number): void {
    this.inUse -= bytes;
    // In order: the first waiter goes as soon as it fits, and nobody overtakes it.
    while (this.waiting.length > 0 && this.inUse + this.waiting[0]!.bytes <= this.capacity) {
      const next = this.waiting.shift()!;
      this.take(next.bytes);
      next.start();
    }
  }
}

/** The process's one budget: memory is shared by every decode in the process, whoever starts it. */
export const sharedDecodeBudget = new DecodeBudget(defaultDecodeCapacity());
