import type { LookupAddress, LookupOptions } from 'node:dns';
import net from 'node:net';
import { Agent, request } from 'undici';
import { checkWebhookUrl, RefusedUrlError, type Resolve } from '../../lib/public-url.js';

const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; permanent?: boolean };

export interface PostTarget {
  allowPrivate: boolean;
  resolve?: Resolve;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` that answers with the addresses the guard checked and never asks DNS again: a name whose answer changes
 * between the check and the connection (DNS rebinding) still reaches only a checked address. TLS still names and
 * verifies the URL's host (SNI, certificate), and the Host header is the URL's.
 */
function pinnedLookup(addresses: string[]) {
  const answers = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  return (_host: string, options: LookupOptions, callback: LookupCallback): void => {
    const fitting = answers.filter((a) => !options.family || a.family === options.family);
    if (fitting.length === 0) callback(Object.assign(new Error('No checked address of that family'), { code: 'ENOTFOUND' }), []);
    else if (options.all) callback(null, fitting);
    else callback(null, fitting[0]!.address, fitting[0]!.family);
  };
}

/** One POST over a connection to the checked addresses; the answer's status and redirect target. */
export type PostOnce = (url: URL, addresses: string[], headers: Record<string, string>, body: string, signal: AbortSignal) =>
  Promise<{ status: number; location: string | undefined }>;

const postOnce: PostOnce = async (url, addresses, headers, body, signal) => {
  const agent = new Agent({ connect: { lookup: pinnedLookup(addresses) } });
  try {
    const res = await request(url, { method: 'POST', headers, body, dispatcher: agent, signal });
    await res.body.dump();
    const location = res.headers.location;
    return { status: res.statusCode, location: Array.isArray(location) ? location[0] : location };
  } finally {
    await agent.close();
  }
};

/**
 * POSTs the body to a webhook: every hop's address is checked, then connected to as checked; a redirect is followed
 * only to the same host (at most three).
 */
export async function postToWebhook(target: string, headers: Record<string, string>, body: string, signal: AbortSignal, guard: PostTarget,
  send: PostOnce = postOnce): Promise<PostOutcome> {
  let url = target;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let checked: Awaited<ReturnType<typeof checkWebhookUrl>>;
    try {
      checked = await checkWebhookUrl(url, guard.allowPrivate, guard.resolve);
    } catch (err) {
      if (err instanceof RefusedUrlError) return { ok: false, status: null, error: err.message, permanent: true };
      throw err;
    }
    let res: Awaited<ReturnType<typeof postOnce>>;
    try {
      res = await send(checked.url, checked.addresses, headers, body, AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]));
    } catch (err) {
      return { ok: false, status: null, error: `Could not reach the webhook: ${(err as Error).message}` };
    }
    if (res.status >= 300 && res.status < 400 && res.location) {
      const next = new URL(res.location, url);
      if (next.host !== checked.url.host) return { ok: false, status: res.status, error: `Redirect to another host (${next.host}) not followed.` };
      url = next.href;
      continue;
    }
    const ok = res.status >= 200 && res.status < 300;
    return ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `The webhook answered ${res.status}.` };
  }
  return { ok: false, status: null, error: 'Too many redirects.' };
}
