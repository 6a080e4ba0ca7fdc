import net from 'node:net';

/** Truncates an IP before it is stored: IPv4 to /24, IPv6 to /48. Personal data kept coarse by design. */
export function truncateIp(ip: string | undefined): string | null {
  if (!ip) return null;
  const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (net.isIPv4(mapped)) {
    const parts = mapped.split('.');
    return `${parts[0]}.${parts[1]}.${parts[2]}.0/24`;
  }
  if (net.isIPv6(mapped)) {
    const groups = expandIpv6(mapped);
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return null;
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  const all = [...h, ...Array(Math.max(0, missing)).fill('0'), ...t];
  return all.map((g) => (g === '' ? '0' : g.toLowerCase().replace(/^0+(?=.)/, '')));
}

/** Keeps only browser family, OS family and device type of a user agent: never the full string. */
export function summariseUserAgent(ua: string | undefined): string | null {
  if (!ua) return null;
  const browser =
    /Edg\//.test(ua) ? 'Edge'
    : /OPR\/|Opera/.test(ua) ? 'Opera'
    : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrome\/|Chromium\/|CriOS\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari'
    : /curl\//i.test(ua) ? 'curl'
    : /node|undici|axios|python|go-http/i.test(ua) ? 'Script'
    : 'Other';
  const os =
    /Android/.test(ua) ? 'Android'
    : /iPhone|iPad|iOS/.test(ua) ? 'iOS'
    : /Windows/.test(ua) ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
    : /Linux|X11/.test(ua) ? 'Linux'
    : 'Other';
  const device = /Mobile|iPhone|Android.*Mobile/.test(ua) ? 'mobile' : /iPad|Tablet|Android/.test(ua) ? 'tablet' : 'desktop';
  return `${browser} on ${os} (${device})`;
}
