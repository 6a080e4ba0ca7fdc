import { AppError } from '../http/errors.js';

/** Keyset cursor on (created_at, id): opaque to clients, never an OFFSET. */
export interface Keyset {
  createdAt: number;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.createdAt}:${k.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const sep = text.indexOf(':');
  const createdAt = Number(text.slice(0, sep));
  const id = text.slice(sep + 1);
  if (sep < 1 || !Number.isSafeInteger(createdAt) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('VALIDATION_FAILED', 'cursor is not valid: pass the nextCursor value from the previous page', { field: 'cursor' });
  }
  return { createdAt, id };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** How many match in all, where the list can say so cheaply; null where it cannot (absent: not asked). */
  total?: number | null;
  /** How `total` was found: exact, a count that stopped at its cap (more match), or an estimate. */
  totalAccuracy?: 'exact' | 'atLeast' | 'about';
}

/** Rows were fetched with limit + 1: the extra row only tells whether another page exists. */
export function toPage<R extends { created_at: number; id: string }, T>(rows: R[], limit: number, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
