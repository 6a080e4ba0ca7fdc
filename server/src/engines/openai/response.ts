import type { EventSourceMessage } from 'eventsource-parser';
import type { OutputDelivery } from '../provider/deliver.js';
import { ProviderCallError } from '../provider/errors.js';
import { eventJson, type SseVerdict } from '../provider/sse.js';
import type { UsageTotal } from '../provider/slots.js';
import { openAiFailure, type OpenAiErrorBody, type OpenAiInputs } from './errors.js';

export interface OpenAiAnswerContext {
  delivery: OutputDelivery;
  indexFor: (providerIndex: number) => number | undefined;
  usage: UsageTotal;
  inputs: OpenAiInputs;
  secrets: readonly string[];
  partialImages: number;
  onProgress(fraction: number): void;
}

interface ImageItem {
  b64_json?: string;
  url?: string;
}

interface StreamEvent extends ImageItem {
  type?: string;
  partial_image_index?: number;
  usage?: unknown;
  error?: OpenAiErrorBody['error'];
}

/** Streamed answer: partial previews drive progress; each `*.completed` event is the next finished image. */
export function streamHandler(a: OpenAiAnswerContext) {
  const state = { completed: 0 };
  const handle = async (event: EventSourceMessage): Promise<SseVerdict> => {
    const data = eventJson<StreamEvent>(event);
    const type = data.type ?? event.event ?? '';
    if (type.endsWith('.partial_image')) {
      a.onProgress(Math.min(0.95, ((data.partial_image_index ?? 0) + 1) / (a.partialImages + 1)));
    } else if (type.endsWith('.completed')) {
      const index = a.indexFor(state.completed++);
      if (index !== undefined) await a.delivery.image(index, data);
      a.usage.add({ generated_images: 1 });
      a.usage.add(data.usage);
    } else if (type === 'error' || data.error) {
      throw openAiFailure(data.error?.code === 'moderation_blocked' ? 400 : 500, { error: data.error }, undefined, null, a.inputs, a.secrets);
    }
    return 'continue';
  };
  return { handle, state };
}

export async function handleJsonAnswer(text: string, a: OpenAiAnswerContext): Promise<void> {
  let answer: { data?: ImageItem[]; usage?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', 'the answer was not valid JSON');
  }
  if (!answer || !Array.isArray(answer.data)) {
    throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', 'the answer did not have the documented shape');
  }
  for (const [i, item] of answer.data.entries()) {
    const index = a.indexFor(i);
    if (index !== undefined) await a.delivery.image(index, item);
  }
  a.usage.add({ generated_images: answer.data.length });
  a.usage.add(answer.usage);
}
