/**
 * The one way the studio talks to the API: an `openapi-fetch` client typed by the generated contract
 * (`@atelier/common/api-schema`, from docs/api/openapi.json by `npm run openapi`), sending same-origin requests with the
 * session cookie and, on writes, the CSRF header. Each module of this folder calls `api.GET/POST/…` with a path of
 * the contract and hands the promise to `unwrap`, which gives the answer's data or throws an ApiError.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '@atelier/common/api-schema';

/** The error body every /api/v1 route answers 4xx with (the contract's `ApiError` component). */
export type ApiErrorBody = components['schemas']['ApiError'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const CSRF_COOKIE = 'atelier_csrf';

export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The query string of `query`, leaving out empty values (an empty filter means "no filter" to every list route). */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') params.append(key, String(one));
    }
  }
  return params.toString();
}

/**
 * What openapi-fetch builds for a call, kept as the (relative URL, init) pair: the studio's URLs are same-origin
 * paths, which the `Request` of Node (the unit tests' runtime) refuses, and `fetch(url, init)` keeps the body as it
 * was serialised (a JSON string, or FormData whose boundary the browser sets).
 */
class SameOriginRequest {
  constructor(readonly url: string, readonly init: RequestInit) {}

  get method(): string {
    return this.init.method ?? 'GET';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function send(request: SameOriginRequest): Promise<Response> {
  const headers = new Headers(request.init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const token = SAFE_METHODS.has(request.method) ? undefined : csrfToken();
  if (token) headers.set('x-csrf-token', token);
  // The studio's language (the page's lang), so that errors before sign-in come in it too.
  if (typeof document !== 'undefined' && document.documentElement.lang) headers.set('accept-language', document.documentElement.lang);
  // globalThis.fetch is read on every call (not once at start), so a test may stub it.
  return fetch(request.url, { ...request.init, headers, credentials: 'same-origin' });
}

/** The typed client: `api.GET('/api/v1/…', { params: { path, query }, body, signal })`. */
export const api = createClient<paths>({
  Request: SameOriginRequest as unknown as typeof Request,
  fetch: send as unknown as (request: Request) => Promise<Response>,
  querySerializer: queryString,
});

/** The `params` of a route whose one path parameter is `{id}`. */
export const byId = (id: string) => ({ params: { path: { id } } });

/** A multipart body for the upload routes, whose form fields the contract does not describe. */
export const multipart = (form: FormData) => ({ body: form as never });

/** The ApiError of a refused answer: its status, its parsed body (if any) and its Retry-After header. */
export function apiErrorOf(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const retryAfter = Number(retryAfterHeader) || undefined;
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  if (error?.code) return new ApiError(status, error.code, error.message, error.details, retryAfter);
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', '', undefined, retryAfter);
}

/** One call's outcome as openapi-fetch gives it. */
interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data (undefined for 204), or an ApiError: the server's code and message, NETWORK when unreachable. */
export async function unwrap<T>(pending: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await pending;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    // A body that is not JSON where JSON was expected (a proxy's error page) reads as the status alone.
    if (err instanceof SyntaxError) throw new ApiError(0, 'HTTP_ERROR', '');
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!outcome.response.ok) throw apiErrorOf(outcome.response.status, outcome.error, outcome.response.headers.get('retry-after'));
  return outcome.data as T;
}

/** The JSON answer of an operation, for the types a module names (`Answer<'/api/v1/batches/{id}', 'get'>`). */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

/** The JSON body an operation accepts. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query an operation accepts. */
export type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;
