import type { EventSourceMessage } from 'eventsource-parser';
import { ProviderCallError } from '../provider/errors.js';
import type { OutputDelivery } from '../provider/deliver.js';
import { eventJson, type SseVerdict } from '../provider/sse.js';
import type { UsageTotal } from '../provider/slots.js';
import { isModerationCode, modelArkFailure, outputFailure, type InputsSummary } from './errors.js';

interface ProviderError {
  code?: string;
  message?: string;
}

interface StreamEvent {
  type?: string;
  model?: string;
  image_index?: number;
  url?: string;
  b64_json?: string;
  error?: ProviderError;
  usage?: unknown;
}

interface NonStreamAnswer {
  model?: string;
  data?: Array<{ url?: string; b64_json?: string; error?: ProviderError }>;
  usage?: unknown;
  error?: ProviderError;
}

export interface AnswerContext {
  delivery: OutputDelivery;
  /** Provider index → output index for this request. */
  indexFor: (providerIndex: number) => number | undefined;
  usage: UsageTotal;
  count: number;
  inputs: InputsSummary;
  secrets: readonly string[];
  onModel(model: string): void;
}

const STOPPED = () => new ProviderCallError('retryable', 'InternalServiceError', 'Seedream stopped the set with an internal error');

/** Handles one streamed event; returns whether the stream is complete. */
export async function handleStreamEvent(event: EventSourceMessage, a: AnswerContext, state: { completed: boolean }): Promise<SseVerdict> {
  const data = eventJson<StreamEvent>(event);
  const type = data.type ?? event.event;
  if (data.model) a.onModel(data.model);
  switch (type) {
    case 'image_generation.partial_succeeded': {
      const index = a.indexFor(data.image_index ?? -1);
      if (index !== undefined) await a.delivery.image(index, data);
      return 'continue';
    }
    case 'image_generation.partial_failed': {
      if (data.error?.code === 'InternalServiceError') throw STOPPED();
      const index = a.indexFor(data.image_index ?? -1);
      if (index !== undefined) {
        const f = outputFailure(data.error?.code, data.error?.message, index, a.count, a.secrets);
        await a.delivery.error(index, f.code, f.message);
      }
      return 'continue';
    }
    case 'image_generation.completed':
      a.usage.add(data.usage);
      state.completed = true;
      return 'continue';
    default:
      // An error object in the stream itself (not tied to one image) ends the call like an HTTP error would.
      if (data.error) throw modelArkFailure(isModerationCode(data.error.code) ? 400 : 500, { error: data.error }, undefined, a.inputs, a.secrets);
      return 'continue';
  }
}

/** A plain JSON answer (a service that did not stream, or a single image refused with HTTP 200 and data[i].error). */
export async function handleJsonAnswer(text: string, a: AnswerContext): Promise<void> {
  let answer: NonStreamAnswer;
  try {
    answer = JSON.parse(text) as NonStreamAnswer;
  } catch {
    throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', 'the answer was not valid JSON');
  }
  if (!answer || typeof answer !== 'object' || (!Array.isArray(answer.data) && !answer.error)) {
    throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', 'the answer did not have the documented shape');
  }
  if (answer.error) throw modelArkFailure(isModerationCode(answer.error.code) ? 400 : 500, { error: answer.error }, undefined, a.inputs, a.secrets);
  if (answer.model) a.onModel(answer.model);
  let stopped = false;
  for (const [i, item] of (answer.data ?? []).entries()) {
    const index = a.indexFor(i);
    if (index === undefined || stopped) continue;
    if (item.error) {
      if (item.error.code === 'InternalServiceError') {
        stopped = true;
        continue;
      }
      const f = outputFailure(item.error.code, item.error.message, index, a.count, a.secrets);
      await a.delivery.error(index, f.code, f.message);
    } else {
      await a.delivery.image(index, item);
    }
  }
  a.usage.add(answer.usage);
  if (stopped) throw STOPPED();
}
