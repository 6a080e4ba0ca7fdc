import crypto from 'node:crypto';

/** Random, URL-safe ids. Ordering comes from created_at columns, never from the id. */
export const newId = (): string => crypto.randomUUID();

export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

export const sha256Hex = (text: string | Buffer): string => crypto.createHash('sha256').update(text).digest('hex');
