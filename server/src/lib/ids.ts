import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Time-ordered ids (UUIDv7, monotonic within a process). Lists order by created_at and break ties by id, so rows
 * made in the same millisecond still list in the order they were made. Ids are not secrets: every access checks
 * ownership, and anything that must be unguessable uses randomToken.
 */
export const newId = (): string => uuidv7();

export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

export const sha256Hex = (text: string | Buffer): string => crypto.createHash('sha256').update(text).digest('hex');
