import crypto from 'node:crypto';

/**
 * HMAC-SHA256 with a key derived from the master key for one purpose (HKDF `info`), for links that carry their own
 * proof and need no table: what is signed is the parts joined by NUL, compared in constant time.
 */
export class KeyedMac {
  private readonly key: Buffer;

  constructor(masterKey: Buffer, info: string) {
    this.key = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  }

  /** The MAC of `parts`, base64url. */
  sign(...parts: readonly (string | number)[]): string {
    return this.digest(parts).toString('base64url');
  }

  /** Whether `mac` (base64url) is the MAC of `parts`. */
  matches(mac: string, ...parts: readonly (string | number)[]): boolean {
    const given = Buffer.from(mac, 'base64url');
    const expected = this.digest(parts);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }

  private digest(parts: readonly (string | number)[]): Buffer {
    return crypto.createHmac('sha256', this.key).update(parts.join('\0')).digest();
  }
}

/** `<expiry ms>.<MAC over the parts and the expiry>`: a grant that proves itself until it expires. */
export function expiringGrant(mac: KeyedMac, parts: readonly string[], expires: number): string {
  return `${expires}.${mac.sign(...parts, expires)}`;
}

/** The expiry of a well-formed grant whose MAC matches `parts`; undefined for anything else. */
export function verifiedGrantExpiry(mac: KeyedMac, parts: readonly string[], grant: string): number | undefined {
  const [expiresText, macText, ...rest] = grant.split('.');
  const expires = Number(expiresText);
  if (!macText || rest.length > 0 || !Number.isSafeInteger(expires)) return undefined;
  return mac.matches(macText, ...parts, expires) ? expires : undefined;
}
