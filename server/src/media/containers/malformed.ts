import { MediaError } from '../errors.js';

/** The container's structure is broken (a length that runs past the end, a missing marker, ...). */
export function malformed(format: string, detail: string): MediaError {
  return new MediaError('INVALID_IMAGE', `The ${format} image could not be read: ${detail}.`);
}
