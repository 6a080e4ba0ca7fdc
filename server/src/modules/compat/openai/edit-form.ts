import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../../http/errors.js';
import { OPENAI_SIZE } from './schemas.js';

/** gpt-image takes up to 16 input images. */
const MAX_IMAGES = 16;

export interface EditForm {
  images: Buffer[];
  /** OpenAI's mask: a PNG whose transparent area marks what to change. */
  mask?: Buffer;
  prompt: string;
  model?: string;
  n: number;
  size?: string;
  responseFormat: 'b64_json' | 'url';
}

/** Reads OpenAI's multipart edit request: `image` or repeated `image[]` files, `mask`, and the text fields. */
export async function readEditForm(request: FastifyRequest, maxFileBytes: number): Promise<EditForm> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the edit as multipart/form-data, the image in a field named "image".');
  const images: Buffer[] = [];
  const fields: Record<string, string> = {};
  let mask: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { files: MAX_IMAGES + 1, fields: 20, fileSize: maxFileBytes } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname === 'image' || part.fieldname === 'image[]' || part.fieldname === 'mask') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `Each image may be at most ${maxFileBytes} bytes.`, { field: 'image' });
        if (part.fieldname === 'mask') mask = data;
        else images.push(data);
      } else {
        part.file.resume();
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string };
    if (e.code === 'FST_FILES_LIMIT') throw invalid(`Send at most ${MAX_IMAGES} images.`, 'image');
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `Each image may be at most ${maxFileBytes} bytes.`, { field: 'image' });
    throw invalid('The multipart/form-data body could not be read: it is malformed or was cut off.', 'image');
  }
  if (images.length === 0) throw invalid('Send the image to edit in a multipart field named "image".', 'image');
  if (mask && images.length > 1) throw invalid('A mask goes with one image: send a single image to edit with it.', 'mask');
  return { images, mask, ...editFields(fields) };
}

function editFields(f: Record<string, string>): Omit<EditForm, 'images' | 'mask'> {
  const prompt = (f.prompt ?? '').trim();
  if (!prompt || prompt.length > 4000) throw invalid('Write a prompt (up to 4000 characters) saying what to change.', 'prompt');
  const n = f.n === undefined ? 1 : Number(f.n);
  if (!Number.isInteger(n) || n < 1 || n > 15) throw invalid('n must be a whole number from 1 to 15.', 'n');
  if (f.size !== undefined && !new RegExp(OPENAI_SIZE).test(f.size)) throw invalid('size must be WxH (e.g. 1024x1024) or auto.', 'size');
  const responseFormat = f.response_format ?? 'b64_json';
  if (responseFormat !== 'b64_json' && responseFormat !== 'url') throw invalid('response_format must be b64_json or url.', 'response_format');
  return {
    prompt,
    model: f.model || undefined,
    n,
    size: f.size === 'auto' ? undefined : f.size,
    responseFormat,
  };
}
