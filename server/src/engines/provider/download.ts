import { ProviderRequest } from './request.js';

export interface DownloadPolicy {
  /** The provider's API base URL: its host is always allowed, and plain http only for exactly its origin. */
  baseUrl: string;
  /** Further hosts (and their subdomains) images may come from. */
  hosts: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
}

const MAX_REDIRECTS = 3;

export class DownloadError extends Error {}

export function isAllowedUrl(text: string, policy: Pick<DownloadPolicy, 'baseUrl' | 'hosts'>): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const base = new URL(policy.baseUrl);
  if (url.protocol === 'http:') return url.origin === base.origin;
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return host === base.hostname.toLowerCase() || policy.hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * Fetches an image the provider linked to, at once (provider links expire): only from the provider's hosts,
 * following redirects only to those hosts, within a time and size bound.
 */
export async function downloadImage(url: string, policy: DownloadPolicy): Promise<Buffer> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedUrl(current, policy)) {
      throw new DownloadError(`the image link points to ${hostOf(current)}, which is not one of the provider's hosts`);
    }
    const { request, response } = await ProviderRequest.send(current, { redirect: 'manual' }, policy);
    try {
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        if (!location) throw new DownloadError(`the image link redirected without a location (HTTP ${response.status})`);
        current = new URL(location, current).toString();
        continue;
      }
      if (!response.ok) throw new DownloadError(`the image link answered HTTP ${response.status}`);
      return await request.readAll(response, policy.maxBytes);
    } finally {
      request.close();
    }
  }
  throw new DownloadError('the image link redirected too many times');
}

function hostOf(text: string): string {
  try {
    return new URL(text).host;
  } catch {
    return 'an unreadable address';
  }
}
