import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProviderCallError } from './errors.js';
import type { ProviderRequest } from './request.js';

export type SseVerdict = 'continue' | 'stop';

/** The largest single event accepted (a 4K image as base64 is well under this). */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

/**
 * Reads a Server-Sent Events body and hands each event to `onEvent`, one at a time and in order (the handler may
 * store an image before the next event is looked at). Returns 'stop' when the handler stopped early or the stream
 * said `[DONE]`, 'ended' when the body simply ended. We parse provider streams ourselves because generic OpenAI
 * readers throw on any payload with an `error` field, which Seedream uses for per-image failures.
 */
export async function readEventStream(
  request: ProviderRequest,
  response: Response,
  onEvent: (event: EventSourceMessage) => Promise<SseVerdict> | SseVerdict,
): Promise<'done' | 'ended'> {
  const pending: EventSourceMessage[] = [];
  let overflow = false;
  const parser = createParser({
    onEvent: (e) => pending.push(e),
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') overflow = true;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  const decoder = new TextDecoder();
  for await (const chunk of request.chunks(response)) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (overflow) throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', 'a streamed event was too large');
    while (pending.length > 0) {
      const event = pending.shift()!;
      if (event.data.trim() === '[DONE]') return 'done';
      if ((await onEvent(event)) === 'stop') return 'done';
    }
  }
  parser.reset({ consume: true });
  for (const event of pending) {
    if (event.data.trim() === '[DONE]') return 'done';
    if ((await onEvent(event)) === 'stop') return 'done';
  }
  return 'ended';
}

/** Parses one event's JSON payload; a garbled payload is a retryable protocol error. */
export function eventJson<T>(event: EventSourceMessage): T {
  try {
    return JSON.parse(event.data) as T;
  } catch {
    throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', `a streamed event${event.event ? ` (${event.event})` : ''} was not valid JSON`);
  }
}
