import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { multipart } from '../assets/test-fixtures.js';
import { appForFile, waitForGeneration, type TestUser } from '../../test-support/harness.js';

const { t, people: [person] } = appForFile({ people: 1 });
afterEach(() => vi.restoreAllMocks());

/** The error sharp itself throws for an image over its pixel limit, as an engine or the asset store would see it. */
async function sharpPixelLimitError(): Promise<Error> {
  const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#000' } }).png().toBuffer();
  return sharp(png, { limitInputPixels: 10 }).toBuffer().then(() => { throw new Error('sharp accepted it'); }, (err: Error) => err);
}

async function failedGeneration(user: TestUser, payload: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt: 'a kite', size: '64x64', ...payload } });
  expect(res.statusCode).toBe(202);
  const g = await waitForGeneration(t.app, user, res.json().id);
  expect(g.status).toBe('failed');
  return g.error as { code: string; message: string };
}

describe('what a person is told when a generation fails inside a library', () => {
  it("says the image is too large in the catalogue's words, not sharp's", async () => {
    const raw = await sharpPixelLimitError();
    expect(raw.message).toMatch(/pixel limit/);
    vi.spyOn(t.services.engines.get('builtin'), 'run').mockRejectedValue(raw);
    const error = await failedGeneration(person!);
    expect(error).toEqual({ code: 'IMAGE_TOO_LARGE', message: 'The image has too many pixels to be processed.' });
  });

  it('never shows an internal message (a file path, a driver error): a catalogue message stands in', async () => {
    const raw = new Error("ENOENT: no such file or directory, open '/srv/atelier/blobs/ab/cd.enc'");
    vi.spyOn(t.services.engines.get('builtin'), 'run').mockRejectedValue(raw);
    const error = await failedGeneration(person!);
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.message).not.toContain('ENOENT');
    expect(error.message).toMatch(/^The engine failed while making this image/);
  });

  it('says an input image could not be read, without the reason the store gave', async () => {
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#246' } }).png().toBuffer();
    const form = multipart({ data: png, filename: 'ref.png', contentType: 'image/png' });
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...person!.headers, ...form.headers }, payload: form.payload });
    vi.spyOn(t.services.assets, 'loadReference').mockRejectedValue(new Error('EACCES: permission denied, /srv/atelier/blobs/x'));
    const error = await failedGeneration(person!, { references: [uploaded.json().id] });
    expect(error).toEqual({ code: 'INPUT_UNAVAILABLE', message: 'An input image could not be read. Try again, or choose another image.' });
  });
});
