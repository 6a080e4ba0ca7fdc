import type { SseChannel } from '../../../http/sse.js';
import type { GenerationDto } from '../../generations/dto.js';
import type { GenerationEvent } from '../../generations/events.js';
import type { NormalisedError } from '../../../http/error-handler.js';
import { failureOf } from '../finished.js';
import type { ImageField } from '../images.js';
import { createdOf, imageItem, modelOf, outputError, usageOf } from './answer.js';
import { modelArkError, outputErrorCode } from './errors.js';

/**
 * Writes a generation as ModelArk's event stream: `image_generation.partial_succeeded` or `.partial_failed` for each
 * output as it ends, then `image_generation.completed` with the usage, then `data: [DONE]`.
 */
export class SeedreamStream {
  private readonly sent = new Set<number>();

  constructor(private readonly sse: SseChannel, private readonly started: GenerationDto, private readonly field: ImageField) {}

  /** A live event of the generation: images and per-output failures go out the moment they happen. */
  readonly onEvent = async (event: GenerationEvent): Promise<void> => {
    if (event.type === 'image') await this.image(event.index, event.asset);
    else if (event.type === 'output_error') this.failed(event.index, { code: outputErrorCode(event.error.code), message: event.error.message });
  };

  /** Ends the stream from the final state: outputs whose live event was lost, then the verdict. */
  async finish(final: GenerationDto): Promise<void> {
    const failure = failureOf(final);
    if (failure && this.sent.size === 0) return this.fail(failure);
    for (const o of final.outputs) {
      if (o.asset) await this.image(o.index, o.asset);
      else this.failed(o.index, outputError(final, o));
    }
    this.sse.send('image_generation.completed', {
      type: 'image_generation.completed', model: modelOf(final), created: createdOf(final), usage: usageOf(final),
    });
    this.end();
  }

  /** An error of the whole call, in the stream (the answer's status went out already). */
  fail(e: NormalisedError): void {
    this.sse.send('error', modelArkError(e));
    this.end();
  }

  private async image(index: number, asset: { id: string; width: number; height: number }) {
    if (this.sent.has(index)) return;
    // Read first: an image that could not be read now is sent from the final state instead.
    const item = await imageItem(asset, this.field);
    this.sent.add(index);
    this.sse.send('image_generation.partial_succeeded', {
      type: 'image_generation.partial_succeeded', model: modelOf(this.started), created: createdOf(this.started), image_index: index, ...item,
    });
  }

  private failed(index: number, error: { code: string; message: string }) {
    if (this.sent.has(index)) return;
    this.sent.add(index);
    this.sse.send('image_generation.partial_failed', {
      type: 'image_generation.partial_failed', model: modelOf(this.started), created: createdOf(this.started), image_index: index, error,
    });
  }

  private end() {
    this.sse.sendData('[DONE]');
    this.sse.close();
  }
}
