import crypto from 'node:crypto';
import { expiringGrant, KeyedMac, verifiedGrantExpiry } from '../../lib/keyed-mac.js';

/** 256 random bits, base64url: the part of a share link that grants access. */
export const newShareToken = (): string => crypto.randomBytes(32).toString('base64url');

/** What the database keeps of a token: its sha256 (a token is random, so no salt or slow hash is needed). */
export const hashShareToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** A token as a link carries it; anything else is not looked up at all. */
export const looksLikeShareToken = (text: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(text);

const INFO = 'atelier/share-unlock/v1';

/**
 * After the password of a link was given, the page's image addresses carry an unlock grant
 * `<expiry ms>.<HMAC-SHA256 over share id and expiry>` (keyed from the master key), because the page sets no
 * cookie. A grant opens only its own link and only until it expires.
 */
export class ShareUnlocks {
  private readonly mac: KeyedMac;

  constructor(masterKey: Buffer, private readonly ttlMs = 12 * 60 * 60 * 1000) {
    this.mac = new KeyedMac(masterKey, INFO);
  }

  grant(shareId: string, now: number): string {
    return expiringGrant(this.mac, [shareId], now + this.ttlMs);
  }

  verify(shareId: string, grant: string | undefined, now: number): boolean {
    const expires = grant ? verifiedGrantExpiry(this.mac, [shareId], grant) : undefined;
    return expires !== undefined && expires > now;
  }
}
