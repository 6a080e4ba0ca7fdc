import { KeyedMac } from '../../../lib/keyed-mac.js';

const INFO = 'atelier/unsubscribe/v1';
const PURPOSE = 'product_emails';

/**
 * One-click unsubscribe links: `<user id, base64url>.<HMAC-SHA256 over purpose and user id>`, keyed by a key
 * derived from the master key (HKDF), so a link cannot be forged for another person and needs no table. The
 * link only ever turns optional emails off, so a leaked link can do no more than that.
 */
export class UnsubscribeTokens {
  private readonly mac: KeyedMac;

  constructor(masterKey: Buffer) {
    this.mac = new KeyedMac(masterKey, INFO);
  }

  sign(userId: string): string {
    return `${Buffer.from(userId).toString('base64url')}.${this.mac.sign(PURPOSE, userId)}`;
  }

  /** The user id the token was made for, or undefined when it is not one of ours. */
  verify(token: string): string | undefined {
    const [idPart, macPart, ...rest] = token.split('.');
    if (!idPart || !macPart || rest.length > 0 || idPart.length > 200) return undefined;
    const userId = Buffer.from(idPart, 'base64url').toString();
    return this.mac.matches(macPart, PURPOSE, userId) ? userId : undefined;
  }
}
