import type { ByteRange } from '../../storage/blob-store.js';

export type RangeRequest =
  | { kind: 'full' }
  | { kind: 'partial'; range: ByteRange }
  | { kind: 'unsatisfiable' };

/**
 * Reads a `Range` header against a body of `size` bytes (RFC 9110 §14):
 * - no header, a unit other than `bytes`, or several ranges → the whole body (a server may ignore Range; serving
 *   multipart/byteranges is not worth it for images);
 * - `bytes=a-b`, `bytes=a-` and the suffix form `bytes=-n` → that range, the end clamped to the last byte;
 * - a malformed `bytes=` value, `b < a`, a start at or past the end, or `bytes=-0` → unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*([A-Za-z]+)\s*=(.*)$/.exec(header);
  if (!m) return { kind: 'unsatisfiable' };
  if (m[1]!.toLowerCase() !== 'bytes') return { kind: 'full' };
  const specs = m[2]!.split(',');
  if (specs.length > 1) return { kind: 'full' };
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(specs[0]!);
  if (!spec) return { kind: 'unsatisfiable' };
  const [, a, b] = spec;
  if (a === '' && b === '') return { kind: 'unsatisfiable' };
  const num = (s: string) => (s.length > 15 ? Number.MAX_SAFE_INTEGER : Number(s));
  if (a === '') {
    const n = num(b!);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - n), end: size - 1 } };
  }
  const start = num(a!);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (b === '') return { kind: 'partial', range: { start, end: size - 1 } };
  const end = num(b!);
  if (end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end: Math.min(end, size - 1) } };
}
