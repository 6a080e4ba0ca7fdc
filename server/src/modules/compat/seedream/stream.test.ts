import { describe, expect, it } from 'vitest';
import type { SseChannel } from '../../../http/sse.js';
import type { GenerationDto } from '../../generations/dto.js';
import { SeedreamStream } from './stream.js';

function recordingChannel() {
  const sent: Array<[string, any]> = [];
  let closed = false;
  const channel: SseChannel = {
    send: (event, data) => void (closed || sent.push([event, data])),
    sendData: (text) => void (closed || sent.push(['', text])),
    close: () => void (closed = true),
    onClose: () => undefined,
  };
  return { channel, sent, isClosed: () => closed };
}

const asset = (id: string) => ({ id, width: 64, height: 32, mime: 'image/png', urls: { content: '', thumbnail: '' } });
const generation = (over: Partial<GenerationDto>): GenerationDto => ({
  id: 'g1', mode: 'generate', status: 'running', prompt: 'p', engine: 'builtin', model: 'm1', progress: 0, parentAssetId: null,
  outputs: [], usage: null, createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null,
  params: { size: '64x32', width: 64, height: 32, seed: null, resolvedSeed: 1, count: 3, style: null, watermark: false, references: [], model: null, aspectRatio: null },
  ...over,
});
const field = async (a: { id: string }) => ({ url: `https://atelier.test/${a.id}` });

describe('SeedreamStream', () => {
  it('sends each output once, live or from the final state, refusals as ModelArk codes, then completed and [DONE]', async () => {
    const { channel, sent, isClosed } = recordingChannel();
    const stream = new SeedreamStream(channel, generation({}), field);
    await stream.onEvent({ type: 'image', index: 1, asset: asset('a1') });
    await stream.onEvent({ type: 'output_error', index: 2, error: { code: 'OUTPUT_REFUSED', message: 'withheld' } });
    await stream.finish(generation({
      status: 'partial',
      outputs: [{ index: 0, asset: asset('a0') }, { index: 1, asset: asset('a1') }, { index: 2, error: { code: 'OUTPUT_REFUSED', message: 'withheld' } }],
    }));
    expect(sent.map(([event, data]) => [event, data.image_index ?? data])).toEqual([
      ['image_generation.partial_succeeded', 1],
      ['image_generation.partial_failed', 2],
      ['image_generation.partial_succeeded', 0],
      ['image_generation.completed', expect.objectContaining({ usage: { generated_images: 2, output_tokens: 16, total_tokens: 16 } })],
      ['', '[DONE]'],
    ]);
    expect(sent[0]![1]).toMatchObject({ model: 'm1', url: 'https://atelier.test/a1', size: '64x32' });
    expect(sent[1]![1].error).toEqual({ code: 'OutputImageSensitiveContentDetected', message: 'withheld' });
    expect(isClosed()).toBe(true);
  });

  it('ends a generation that made nothing with an error event in ModelArk\'s shape', async () => {
    const { channel, sent } = recordingChannel();
    const stream = new SeedreamStream(channel, generation({}), field);
    await stream.finish(generation({ status: 'failed', error: { code: 'PROMPT_REFUSED', message: 'refused' }, outputs: [{ index: 0 }] }));
    expect(sent).toEqual([
      ['error', { error: { code: 'InputTextSensitiveContentDetected', type: 'BadRequest', message: 'refused', param: undefined } }],
      ['', '[DONE]'],
    ]);
  });
});
