import type { LocalEngineSettings } from '../engine-config.js';
import { ProviderCallError, redact } from '../provider/errors.js';
import { ProviderRequest, readErrorBody } from '../provider/request.js';
import { parseRetryAfter } from '../provider/retry.js';

/** Largest JSON answer (a set of 15 base64 PNGs at 2048² stays well under it) and largest image file. */
const MAX_JSON = 512 * 1024 * 1024;
const MAX_IMAGE = 64 * 1024 * 1024;

/** Turns a non-2xx answer into a classified failure; `detail` must never carry the prompt back. */
export type FailureReader = (status: number, body: unknown, retryAfterMs: number | undefined) => ProviderCallError;

/**
 * HTTP calls to a local engine: the optional Authorization header on every call, the idle timeout of the cloud
 * adapters, and failures classified as they are (network and 5xx retried, 401/403/404 the server's settings).
 */
export class LocalHttp {
  constructor(private readonly settings: LocalEngineSettings, private readonly engineName: string, private readonly failure: FailureReader) {}

  get baseUrl(): string {
    return this.settings.baseUrl;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.settings.authorization ? { authorization: this.settings.authorization } : {}), ...extra };
  }

  async json<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T> {
    const text = (await this.call(method, path, body === undefined ? undefined : JSON.stringify(body), signal, MAX_JSON)).toString('utf8');
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      throw new ProviderCallError('retryable', 'MALFORMED_RESPONSE', `${this.engineName} answered ${path} with something that is not JSON`);
    }
  }

  bytes(path: string, signal: AbortSignal): Promise<Buffer> {
    return this.call('GET', path, undefined, signal, MAX_IMAGE);
  }

  async form<T>(path: string, form: FormData, signal: AbortSignal): Promise<T> {
    return JSON.parse((await this.call('POST', path, form, signal, MAX_JSON)).toString('utf8')) as T;
  }

  private async call(method: string, path: string, body: string | FormData | undefined, signal: AbortSignal, maxBytes: number): Promise<Buffer> {
    const headers = this.headers(typeof body === 'string' ? { 'content-type': 'application/json' } : {});
    const { request, response } = await ProviderRequest.send(`${this.settings.baseUrl}${path}`, { method, headers, body },
      { signal, timeoutMs: this.settings.timeoutMs });
    try {
      if (!response.ok) {
        const errorBody = await readErrorBody<unknown>(request, response);
        throw this.failure(response.status, errorBody, parseRetryAfter(response.headers.get('retry-after')));
      }
      return await request.readAll(response, maxBytes);
    } finally {
      request.close();
    }
  }

  /** Text safe for the health page: the configured credentials removed, bounded. */
  safe(text: string): string {
    const secret = this.settings.authorization?.replace(/^\w+ /, '');
    return redact(text, secret ? [secret] : []);
  }
}

/** What every local engine answers the same way: auth, a wrong URL, overload and crashes. */
export function commonFailure(engineName: string, status: number, detail: string, retryAfterMs?: number): ProviderCallError {
  const details = { httpStatus: status, detail, retryAfterMs };
  if (status === 401 || status === 403) {
    return new ProviderCallError('config', 'UNAUTHORIZED', `${engineName} refused our credentials (HTTP ${status})`, details);
  }
  if (status === 404 || status === 405) {
    return new ProviderCallError('config', 'NOT_FOUND', `${engineName} does not offer this call (HTTP ${status}): check its URL and version`, details);
  }
  if (status === 429 || status >= 500) {
    return new ProviderCallError('retryable', `HTTP_${status}`, `${engineName} failed (HTTP ${status}${detail ? `: ${detail}` : ''})`, details);
  }
  return new ProviderCallError('rejected', `HTTP_${status}`, `${engineName} refused the request (HTTP ${status})`,
    { ...details, userMessage: `${engineName} refused the request${detail ? `: ${detail}` : ''}.` });
}
