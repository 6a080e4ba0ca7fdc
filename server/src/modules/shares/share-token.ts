import crypto from 'node:crypto';

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
  private readonly key: Buffer;

  constructor(masterKey: Buffer, private readonly ttlMs = 12 * 60 * 60 * 1000) {
    this.key = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), INFO, 32));
  }

  grant(shareId: string, now: number): string {
    const expires = now + this.ttlMs;
    return `${expires}.${this.mac(shareId, expires).toString('base64url')}`;
  }

  verify(shareId: string, grant: string | undefined, now: number): boolean {
    if (!grant) return false;
    const [expiresText, macText, ...rest] = grant.split('.');
    const expires = Number(expiresText);
    if (!macText || rest.length > 0 || !Number.isSafeInteger(expires) || expires <= now) return false;
    const given = Buffer.from(macText, 'base64url');
    const expected = this.mac(shareId, expires);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }

  private mac(shareId: string, expires: number): Buffer {
    return crypto.createHmac('sha256', this.key).update(`${shareId}\0${expires}`).digest();
  }
}
