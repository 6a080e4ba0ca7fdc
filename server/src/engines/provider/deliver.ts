import type { ErrorCode } from '../../http/errors.js';
import { EngineJobError, type EngineContext, type EngineImage } from '../engine.js';
import { downloadImage, type DownloadPolicy } from './download.js';
import { ProviderCallError } from './errors.js';
import { fromBase64, readOutputImage } from './images.js';
import type { OutputSlots } from './slots.js';

/** The largest image file accepted from a provider. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** Hands what a provider returned for one output to the runner: the image, or that output's error. */
export class OutputDelivery {
  constructor(
    private readonly ctx: EngineContext,
    private readonly slots: OutputSlots,
    private readonly provider: string,
    private readonly download: Omit<DownloadPolicy, 'maxBytes'>,
  ) {}

  /** Stores one image (base64 preferred; a URL is downloaded at once). An unusable image becomes that output's error. */
  async image(index: number, item: { b64_json?: unknown; url?: unknown }): Promise<void> {
    await this.load(index, async () => {
      if (typeof item.b64_json === 'string') return fromBase64(item.b64_json);
      if (typeof item.url === 'string') return downloadImage(item.url, { ...this.download, maxBytes: MAX_IMAGE_BYTES });
      return undefined;
    });
  }

  /** Stores the image that `read` fetches; a failed read or an unusable image becomes that output's error. */
  async load(index: number, read: () => Promise<Buffer | undefined>): Promise<void> {
    if (this.slots.isSettled(index)) return;
    let image: EngineImage;
    try {
      const data = await read();
      if (!data) throw new Error('the answer held no image');
      image = await readOutputImage(data, index);
    } catch (err) {
      if (this.download.signal.aborted) throw err;
      const reason = err instanceof ProviderCallError ? `downloading it failed (${err.message})` : (err as Error).message;
      await this.error(index, 'OUTPUT_UNUSABLE', `${this.provider} returned image ${index + 1}, but ${reason}.`);
      return;
    }
    await this.ctx.onImage(image);
    this.slots.settle(index);
  }

  async error(index: number, code: ErrorCode, message: string): Promise<void> {
    if (this.slots.isSettled(index)) return;
    await this.ctx.onOutputError({ index, code, message });
    this.slots.settle(index);
  }

  /**
   * Wraps the job's calls: when they finally fail after part of a set was settled, the outputs still owed carry the
   * reason (the generation ends 'partial' and each missing image says why).
   */
  async settleOnFailure<T>(work: () => Promise<T>): Promise<T> {
    const owedBefore = this.slots.remaining().length;
    try {
      return await work();
    } catch (err) {
      if (err instanceof EngineJobError && this.slots.remaining().length < owedBefore) {
        for (const index of this.slots.remaining()) await this.error(index, err.code, err.message);
      }
      throw err;
    }
  }

  /** Outputs the provider did not return although the call ended well (a set may come back shorter). */
  async missing(provider: string): Promise<void> {
    for (const index of this.slots.remaining()) {
      await this.error(index, 'NOT_RETURNED', `${provider} returned fewer images than asked for; image ${index + 1} was not made.`);
    }
  }
}
