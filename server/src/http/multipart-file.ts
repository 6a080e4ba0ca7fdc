import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from './errors.js';

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * The one file of a multipart/form-data request, in the field named "file", read whole; `what` names it in
 * messages ("the image", "the batch file"). Errors while reading are about what the client sent: too large or malformed.
 */
export async function readMultipartFile(request: FastifyRequest, what: string, maxBytes: number): Promise<{ data: Buffer; fileName: string }> {
  const tooLarge = () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is larger than this server accepts: uploads are limited to ${formatBytes(maxBytes)}. Resize or compress it and try again.`,
      { maxBytes },
    );
  const multipartError = (err: unknown): unknown => {
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
    if (err instanceof AppError || (e.statusCode !== undefined && e.statusCode < 500)) return err;
    return new AppError('VALIDATION_FAILED', 'The multipart/form-data body could not be read: it is malformed or was cut off.', { field: 'file' });
  };
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send ${what} as multipart/form-data, in a field named "file".`);
  }
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (err) {
    throw multipartError(err);
  }
  if (!part) throw new AppError('VALIDATION_FAILED', `No file was sent: put ${what} in a multipart field named "file".`, { field: 'file' });
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new AppError('VALIDATION_FAILED', `Put ${what} in a multipart field named "file" (got "${part.fieldname.slice(0, 50)}").`, { field: 'file' });
  }
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    throw multipartError(err);
  }
  if (part.file.truncated) throw tooLarge();
  return { data, fileName: part.filename };
}
