import type { Readable } from 'node:stream';
import { openEncryptedBlob, resolveRange, type CiphertextSource } from './blob-crypto.js';
import type { ByteRange } from './blob-store.js';

/** The plaintext of a blob (or of a range of it) from its ciphertext, as every BlobStore.get answers it. */
export async function decryptedStream(source: CiphertextSource, dataKey: Buffer, key: string, range?: ByteRange): Promise<Readable> {
  const blob = await openEncryptedBlob(source, { dataKey, storageKey: key });
  return blob.stream(resolveRange(key, blob.size, range));
}

/** A whole stream in one Buffer (BlobStore.getBuffer). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
