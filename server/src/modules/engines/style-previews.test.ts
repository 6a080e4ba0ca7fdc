import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STYLES } from '@atelier/engine-builtin';
import { appForFile } from '../../test-support/harness.js';

const { t, people: [alice] } = appForFile({ people: 1 });

describe('style previews', () => {
  it('draws a small WebP per built-in style with the built-in engine, the same bytes each time, different per style', async () => {
    const get = (style: string) => t.app.inject({ url: `/api/v1/styles/${style}/preview`, headers: { cookie: alice.cookie } });
    const [neon, ink] = [await get('neon'), await get('ink')];
    expect(neon.statusCode).toBe(200);
    expect(neon.headers['content-type']).toBe('image/webp');
    const meta = await sharp(neon.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(192);
    expect(ink.rawPayload.equals(neon.rawPayload)).toBe(false);
    expect((await get('neon')).rawPayload.equals(neon.rawPayload)).toBe(true);
    expect(BUILTIN_STYLES).toContain('neon');
    expect((await get('baroque')).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/styles/neon/preview' })).statusCode).toBe(401);
  });
});
