import crypto from 'node:crypto';
import type { Keyring } from './keyring.js';

/** A small secret sealed with its owner's data key (AES-256-GCM, the owner's id as AAD): iv | tag | ciphertext, base64. */
export class SecretBox {
  constructor(private readonly keyring: Pick<Keyring, 'dataKeyFor'>) {}

  async seal(userId: string, secret: string): Promise<string> {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', await this.keyring.dataKeyFor(userId), iv);
    cipher.setAAD(Buffer.from(userId));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  async open(userId: string, sealed: string): Promise<string> {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', await this.keyring.dataKeyFor(userId), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
