import net from 'node:net';
import type { EnvReader } from '../config.js';

/**
 * Which proxies may tell Fastify the client's address and protocol (`X-Forwarded-For`, `-Proto`, `-Host`):
 * none, the nearest N hops, or the listed proxy addresses and CIDR ranges. Trusting every hop (`true`) would let a
 * client forge its own address and protocol, so it is refused.
 */
export type TrustProxy = false | number | string[];

const FORMS = 'a hop count (e.g. 1 for one reverse proxy in front of Atelier) or a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)';

export function readTrustProxy(r: EnvReader, name = 'ATELIER_TRUST_PROXY'): TrustProxy {
  const raw = r.optional(name)?.trim();
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) {
    r.problems.push(`${name}=${JSON.stringify(raw)} would trust every hop, so any client could forge its address and protocol; set ${FORMS}`);
    return false;
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 32) return hops;
    r.problems.push(`${name}=${JSON.stringify(raw)} must be a hop count from 0 to 32, or a list of proxy addresses`);
    return false;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) {
    r.problems.push(`${name} has ${bad.map((b) => JSON.stringify(b)).join(', ')}, which ${bad.length === 1 ? 'is' : 'are'} not an IP address or CIDR range; set ${FORMS}`);
    return false;
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * The form Fastify takes. Fastify treats a bare number as "trust nothing" (it cannot check the nearest peer), so a
 * hop count becomes the function proxy-addr calls with each address from the socket outwards: the nearest `hops`
 * ones are proxies. A hop count is right only where the server cannot be reached except through those proxies.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
