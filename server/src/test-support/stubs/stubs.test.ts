import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelArkStub } from './modelark-stub.js';
import { OpenAiStub } from './openai-stub.js';

let ark: ModelArkStub;
let openai: OpenAiStub;

beforeAll(async () => {
  ark = await ModelArkStub.start({ apiKey: 'k', seed: 'reject' });
  openai = await OpenAiStub.start({ apiKey: 'k' });
});
afterAll(async () => {
  await ark.close();
  await openai.close();
});

async function arkPost(body: unknown, key = 'k') {
  const res = await fetch(`${ark.url}/api/v3/images/generations`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const dataUri = async (w: number, h: number) =>
  `data:image/png;base64,${(await sharp({ create: { width: w, height: h, channels: 3, background: '#808080' } }).png().toBuffer()).toString('base64')}`;

describe('the ModelArk stub', () => {
  it('refuses what the service documents as refused, with the documented codes', async () => {
    const base = { model: 'seedream-4-0-250828', prompt: 'p' };
    const cases: Array<[unknown, number, string, string?]> = [
      [base, 401, 'AuthenticationError', 'wrong'],
      [{ prompt: 'p' }, 400, 'MissingParameter'],
      [{ ...base, model: 'nope' }, 404, 'InvalidEndpointOrModel.NotFound'],
      [{ ...base, size: '512x512' }, 400, 'InvalidParameter'],
      [{ ...base, model: 'seedream-4-5-251128', size: '1K' }, 400, 'InvalidParameter'],
      [{ ...base, seed: 3 }, 400, 'InvalidParameter'],
      [{ ...base, guidance_scale: 5 }, 400, 'InvalidParameter'],
      [{ ...base, sequential_image_generation_options: { max_images: 3 } }, 400, 'InvalidParameter'],
      [{ ...base, sequential_image_generation: 'auto', sequential_image_generation_options: { max_images: 16 } }, 400, 'InvalidParameter'],
      [{ ...base, image: await dataUri(10, 10) }, 400, 'InvalidParameter'],
      [{ ...base, image: await dataUri(340, 20) }, 400, 'InvalidParameter'],
      [{ ...base, image: 'http://example.com/a.png' }, 400, 'InvalidParameter'],
      [{ ...base, image: Array(11).fill(await dataUri(20, 20)) }, 400, 'InvalidParameter'],
      [{ ...base, model: 'seedream-4-5-251128', optimize_prompt_options: { mode: 'fast' } }, 400, 'InvalidParameter'],
      [{ ...base, unknown_field: 1 }, 400, 'InvalidParameter'],
    ];
    for (const [body, status, code, key] of cases) {
      const res = await arkPost(body, key);
      expect([res.status, res.body.error.code], JSON.stringify(body).slice(0, 120)).toEqual([status, code]);
      expect(res.body.error.message).toContain('Request id:');
    }
  });

  it('answers a documented request with an image and usage', async () => {
    const res = await arkPost({ model: 'seedream-4-0-250828', prompt: 'p', size: '1280x720', response_format: 'b64_json' });
    expect(res.status).toBe(200);
    expect(res.body.data[0].size).toBe('1280x720');
    expect(res.body.usage).toEqual({ generated_images: 1, output_tokens: 3600, total_tokens: 3600 });
  });
});

describe('the OpenAI stub', () => {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${openai.baseUrl}${path}`, {
      method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any, requestId: res.headers.get('x-request-id') };
  };

  it('rejects parameters a model does not take, with a request id', async () => {
    const cases: Array<[unknown, number, string | null]> = [
      [{ model: 'gpt-image-1', prompt: 'p', response_format: 'b64_json' }, 400, 'unknown_parameter'],
      [{ model: 'gpt-image-1', prompt: 'p', n: 11 }, 400, 'invalid_value'],
      [{ model: 'dall-e-3', prompt: 'p', n: 2 }, 400, 'invalid_value'],
      [{ model: 'dall-e-3', prompt: 'p', size: '1536x1024' }, 400, 'invalid_value'],
      [{ model: 'gpt-image-2000', prompt: 'p' }, 404, 'model_not_found'],
      [{ model: 'gpt-image-1' }, 400, null],
    ];
    for (const [body, status, code] of cases) {
      const res = await post('/images/generations', body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(res.requestId).toMatch(/^req_/);
    }
  });

  it('takes edits only as multipart, and not for dall-e-3', async () => {
    expect((await post('/images/edits', { model: 'gpt-image-1', prompt: 'p' })).status).toBe(400);
    const form = new FormData();
    form.append('image[]', new Blob([new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer())], { type: 'image/png' }), 'a.png');
    form.append('model', 'dall-e-3');
    form.append('prompt', 'p');
    const res = await fetch(`${openai.baseUrl}/images/edits`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
    expect(res.status).toBe(400);
  });
});
