/** Machine-readable reasons the media layer refuses an input. */
export type MediaErrorCode =
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IMAGE_TOO_LARGE'
  | 'INVALID_IMAGE'
  | 'INVALID_SIZE'
  | 'SERVER_BUSY';

/**
 * A refusal the caller can show to the user: `code` is stable for programs, `message` is written for people.
 * Programmer errors (bad option values) are thrown as plain `TypeError`/`RangeError` instead.
 */
export class MediaError extends Error {
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaError';
    this.code = code;
  }
}

export function isMediaError(err: unknown): err is MediaError {
  return err instanceof MediaError;
}

/**
 * Turns whatever sharp/libvips threw while reading an image into a MediaError.
 * libvips reports the pixel limit with a fixed sentence; everything else it says about an input means the bytes
 * could not be decoded.
 */
export function decodeFailure(err: unknown): MediaError {
  if (err instanceof MediaError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (/exceeds pixel limit/i.test(detail)) {
    return new MediaError('IMAGE_TOO_LARGE', 'The image has too many pixels to be processed.', { cause: err });
  }
  return new MediaError('INVALID_IMAGE', 'The image could not be read: the file is corrupt or truncated.', {
    cause: err,
  });
}
