import { ProviderCallError } from './errors.js';

export interface RequestOptions {
  /** The job's signal: aborting it (cancel, lost lease) cancels the HTTP request. */
  signal: AbortSignal;
  /** Longest wait for the answer to start, and between two chunks of its body. */
  timeoutMs: number;
}

/**
 * One HTTP call to a provider with an idle timeout: the timer runs while waiting for headers and for each body
 * chunk, and is paused while the caller works on what arrived (storing an image must not count as a slow provider).
 * A timeout or a network failure becomes a retryable ProviderCallError; a cancelled job rethrows its abort.
 */
export class ProviderRequest {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOut = false;
  private readonly unlink: () => void;

  private constructor(private readonly opts: RequestOptions) {
    const onAbort = () => this.controller.abort(opts.signal.reason);
    if (opts.signal.aborted) onAbort();
    opts.signal.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => opts.signal.removeEventListener('abort', onAbort);
  }

  static async send(url: string, init: RequestInit, opts: RequestOptions): Promise<{ request: ProviderRequest; response: Response }> {
    const request = new ProviderRequest(opts);
    request.resume();
    try {
      const response = await fetch(url, { ...init, signal: request.controller.signal, redirect: init.redirect ?? 'error' });
      return { request, response };
    } catch (err) {
      request.close();
      throw request.classify(err);
    }
  }

  /** Reads the body to the end, at most `maxBytes`. */
  async readAll(response: Response, maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of this.chunks(response)) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new ProviderCallError('retryable', 'RESPONSE_TOO_LARGE', `the answer was larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** The body chunk by chunk; the idle timer is stopped while the consumer handles a chunk. */
  async *chunks(response: Response): AsyncGenerator<Buffer> {
    if (!response.body) return;
    const reader = response.body.getReader();
    try {
      for (;;) {
        this.resume();
        let step: ReadableStreamReadResult<Uint8Array>;
        try {
          step = await reader.read();
        } catch (err) {
          throw this.classify(err);
        }
        this.pause();
        if (step.done) return;
        yield Buffer.from(step.value);
      }
    } finally {
      this.pause();
      reader.cancel().catch(() => undefined);
    }
  }

  /** Ends the call: stops the timer and drops the connection if the body was not read to the end. */
  close(): void {
    this.pause();
    this.unlink();
    if (!this.controller.signal.aborted) this.controller.abort(new Error('request closed'));
  }

  private resume(): void {
    this.pause();
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error('provider timeout'));
    }, this.opts.timeoutMs);
  }

  private pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private classify(err: unknown): unknown {
    if (this.opts.signal.aborted) return err;
    if (err instanceof ProviderCallError) return err;
    if (this.timedOut) {
      return new ProviderCallError('retryable', 'TIMEOUT', `no answer within ${formatMs(this.opts.timeoutMs)}`);
    }
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    return new ProviderCallError('retryable', 'NETWORK', `the connection failed (${why})`);
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

const MAX_ERROR_BODY = 1024 * 1024;

/** The parsed JSON of an error answer, or undefined when it is not JSON (a proxy's HTML page, an empty body). */
export async function readErrorBody<T>(request: ProviderRequest, response: Response): Promise<T | undefined> {
  try {
    return JSON.parse((await request.readAll(response, MAX_ERROR_BODY)).toString('utf8')) as T;
  } catch (err) {
    if (err instanceof ProviderCallError && err.code !== 'RESPONSE_TOO_LARGE') throw err;
    return undefined;
  }
}

export const isEventStream = (response: Response) => (response.headers.get('content-type') ?? '').includes('text/event-stream');
