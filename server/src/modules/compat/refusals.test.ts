import { describe, expect, it } from 'vitest';
import type { SseChannel } from '../../http/sse.js';
import type { GenerationDto } from '../generations/dto.js';
import { failureOf } from './finished.js';
import { openAiError } from './openai/errors.js';
import { modelArkError } from './seedream/errors.js';
import { SeedreamStream } from './seedream/stream.js';

const generation = (over: Partial<GenerationDto>): GenerationDto => ({
  id: 'g1', mode: 'generate', status: 'failed', prompt: 'p', engine: 'builtin', model: 'm1', progress: 1, parentAssetId: null,
  outputs: [], usage: null, createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null,
  params: { size: '64x32', width: 64, height: 32, seed: null, resolvedSeed: 1, count: 2, style: null, watermark: false, references: [], model: null, aspectRatio: null },
  ...over,
});

/** A set whose every image Atelier's own image check withheld (runner: IMAGE_REFUSED). */
const withheld = generation({
  outputs: [0, 1].map((index) => ({ index, error: { code: 'IMAGE_REFUSED' as const, message: 'This image was withheld by the image check.' } })),
});

describe('an image withheld by Atelier\'s image check, on the compatible endpoints', () => {
  it('is the caller\'s refusal (400), not a server error', () => {
    expect(failureOf(withheld)).toMatchObject({ status: 400, code: 'IMAGE_REFUSED' });
  });

  it('OpenAI: 400 invalid_request_error, code moderation_blocked', () => {
    expect(openAiError(failureOf(withheld)!).error).toMatchObject({ type: 'invalid_request_error', code: 'moderation_blocked' });
  });

  it('Seedream: OutputImageSensitiveContentDetected, as an answer and in a partial_failed event', async () => {
    expect(modelArkError(failureOf(withheld)!).error).toMatchObject({ code: 'OutputImageSensitiveContentDetected', type: 'BadRequest' });
    const sent: Array<[string, any]> = [];
    const channel: SseChannel = { send: (e, d) => void sent.push([e, d]), sendData: () => undefined, close: () => undefined, onClose: () => undefined };
    const stream = new SeedreamStream(channel, generation({ status: 'running' }), async (a) => ({ url: `https://atelier.test/${a.id}` }));
    await stream.onEvent({ type: 'output_error', index: 1, error: { code: 'IMAGE_REFUSED', message: 'withheld' } });
    expect(sent).toEqual([['image_generation.partial_failed', expect.objectContaining({
      image_index: 1, error: { code: 'OutputImageSensitiveContentDetected', message: 'withheld' },
    })]]);
  });
});
