import dns from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../http/errors.js';

/** Addresses an outbound call (a webhook, a person's own provider) may never reach unless the operator allows private ones: loopback, private, link-local (cloud metadata), and the like. */
const REFUSED = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) REFUSED.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  REFUSED.addSubnet(prefix, bits, 'ipv6');
}

/** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address they carry. */
function isRefused(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return REFUSED.check(mapped, 'ipv4');
  return REFUSED.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** What the address is for, in the refusal's words, and the request field that carried it. */
export interface UrlUse {
  what: string;
  field: string;
  /** The setting that allows plain http and inside addresses, named in the refusal. */
  allowSetting: string;
}

const WEBHOOK: UrlUse = { what: 'webhook address', field: 'url', allowSetting: 'ATELIER_WEBHOOK_ALLOW_PRIVATE' };

export class RefusedUrlError extends AppError {
  constructor(reason: string, use: UrlUse = WEBHOOK) {
    super('VALIDATION_FAILED', `This ${use.what} is refused: ${reason}`, { field: use.field });
  }
}

export type Resolve = (host: string) => Promise<string[]>;
const systemResolve: Resolve = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Checks a webhook URL and every address its host resolves to; returns the addresses (delivery connects to one
 * of those, so a name that resolves differently later cannot slip past). `allowPrivate`: plain http and inside addresses too.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean, resolve: Resolve = systemResolve): Promise<{ url: URL; addresses: string[] }> {
  return checkPublicUrl(raw, allowPrivate, WEBHOOK, resolve);
}

/** Checks an outbound URL as checkWebhookUrl does, the refusal naming `use`. */
export async function checkPublicUrl(raw: string, allowPrivate: boolean, use: UrlUse, resolve: Resolve = systemResolve): Promise<{ url: URL; addresses: string[] }> {
  const refuse = (reason: string) => new RefusedUrlError(reason, use);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('it is not a valid URL.');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw refuse(allowPrivate ? 'use http or https.' : `use https (plain http is allowed only when the server sets ${use.allowSetting}=true).`);
  }
  if (url.username || url.password) throw refuse('do not put credentials in the URL.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : await resolve(host);
  } catch {
    throw refuse(`the host ${host} could not be resolved.`);
  }
  if (addresses.length === 0) throw refuse(`the host ${host} has no address.`);
  if (!allowPrivate) {
    for (const address of addresses) {
      if (isRefused(address)) {
        throw refuse(`${host} resolves to ${address}, a loopback, private, link-local or metadata address.`);
      }
    }
  }
  return { url, addresses };
}
