import type { ProviderSettings } from '../engine-config.js';
import { EngineJobError } from '../engine.js';
import { refusesOwnKey } from './attempts.js';
import { ProviderCallError, redact } from './errors.js';
import { ProviderRequest, readErrorBody } from './request.js';

/** One call that costs nothing and tells whether a key is accepted. */
export interface KeyProbe {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Statuses that mean "the key was accepted" (a probe may be a request refused for its content, after the key was checked). */
  accepted: readonly number[];
}

/** A key check waits at most this long: a person is waiting on the answer to Save. */
const PROBE_TIMEOUT_MS = 15_000;

/**
 * Sends the probe with the key and throws an EngineJobError in plain words when the provider refuses it (401, 403, a
 * quota 429) or cannot be asked. The key is redacted from anything the provider says back.
 */
export async function probeKey(settings: ProviderSettings, probe: KeyProbe, provider: string, signal: AbortSignal): Promise<void> {
  let sent: Awaited<ReturnType<typeof ProviderRequest.send>>;
  try {
    sent = await ProviderRequest.send(`${settings.baseUrl}${probe.path}`, {
      method: probe.method,
      headers: { authorization: `Bearer ${settings.apiKey}`, ...(probe.body ? { 'content-type': 'application/json' } : {}) },
      body: probe.body,
    }, { signal, timeoutMs: Math.min(settings.timeoutMs, PROBE_TIMEOUT_MS) });
  } catch (err) {
    const why = err instanceof ProviderCallError ? err.message : 'the connection failed';
    throw new EngineJobError('OWN_KEY_UNCHECKED', `${provider} could not be reached to check the key (${why}). Try again later.`);
  }
  const { request, response } = sent;
  try {
    if (response.ok || probe.accepted.includes(response.status)) return;
    const body = await readErrorBody<{ error?: { code?: string; message?: string } }>(request, response);
    const code = body?.error?.code ?? `HTTP_${response.status}`;
    const said = redact(body?.error?.message ?? '', [settings.apiKey]);
    const failure = new ProviderCallError(response.status === 429 ? 'retryable' : 'config', code, code,
      { httpStatus: response.status });
    if (response.status === 401 || response.status === 403 || refusesOwnKey(failure)) {
      throw new EngineJobError('OWN_KEY_REFUSED', `${provider} refused this key (HTTP ${response.status} ${code}${said ? `: ${said}` : ''}).`);
    }
    throw new EngineJobError('OWN_KEY_UNCHECKED', `${provider} did not confirm the key (HTTP ${response.status} ${code}). Check the address and try again.`);
  } finally {
    request.close();
  }
}
