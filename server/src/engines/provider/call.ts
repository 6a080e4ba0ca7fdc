import type { EventSourceMessage } from 'eventsource-parser';
import type { ProviderSettings } from '../engine-config.js';
import { ProviderCallError } from './errors.js';
import { isEventStream, ProviderRequest, readErrorBody } from './request.js';
import { parseRetryAfter } from './retry.js';
import { readEventStream, type SseVerdict } from './sse.js';

const MAX_JSON_ANSWER = 256 * 1024 * 1024;

/** How one provider reads the answer to a call. */
export interface AnswerReader<ErrorBody> {
  /** The error a non-2xx answer stands for (its parsed JSON body, when it had one). */
  failure(status: number, body: ErrorBody | undefined, retryAfterMs: number | undefined, headers: Headers): Error;
  /** A streamed answer: each event in order, then whether the stream delivered everything it should have. */
  stream: {
    handle(event: EventSourceMessage): Promise<SseVerdict>;
    complete(): boolean;
    /** Why an incomplete stream is retried, for the engine health page. */
    interrupted: string;
  };
  /** A plain JSON answer (a service that did not stream). */
  json(text: string): Promise<void>;
}

/** One authenticated POST to a provider: streamed events, or a plain JSON answer; the connection is always closed. */
export async function callProvider<ErrorBody>(
  settings: ProviderSettings,
  path: string,
  init: { headers: Record<string, string>; body: string | FormData },
  signal: AbortSignal,
  reader: AnswerReader<ErrorBody>,
): Promise<void> {
  const { request, response } = await ProviderRequest.send(`${settings.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${settings.apiKey}`, ...init.headers },
    body: init.body,
  }, { signal, timeoutMs: settings.timeoutMs });
  try {
    if (!response.ok) {
      const body = await readErrorBody<ErrorBody>(request, response);
      throw reader.failure(response.status, body, parseRetryAfter(response.headers.get('retry-after')), response.headers);
    }
    if (isEventStream(response)) {
      await readEventStream(request, response, (event) => reader.stream.handle(event));
      if (!reader.stream.complete()) throw new ProviderCallError('retryable', 'STREAM_INTERRUPTED', reader.stream.interrupted);
    } else {
      await reader.json((await request.readAll(response, MAX_JSON_ANSWER)).toString('utf8'));
    }
  } finally {
    request.close();
  }
}
