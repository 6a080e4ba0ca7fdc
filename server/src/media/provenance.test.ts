import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { noisy } from '../test-support/factories.js';
import { MediaError } from './errors.js';
import { embedProvenance, readProvenance } from './provenance.js';
import { TRAINED_ALGORITHMIC_MEDIA } from './xmp.js';

const CREATED = new Date('2025-03-04T05:06:07.089Z');
const TRICKY = `A <b>bold</b> "cat" & a 'dog' > mouse ]]> <?xpacket end="w"?> -- é 猫 🎨\nsecond line\r\n\tend  `;


const FORMATS = [
  ['image/png', () => noisy().png().toBuffer()],
  ['image/jpeg', () => noisy().jpeg({ quality: 90 }).toBuffer()],
  ['image/webp', () => noisy().webp({ quality: 85 }).toBuffer()],
] as const;

describe('embedProvenance / readProvenance', () => {
  it.each(FORMATS)('round-trips %s with a prompt full of XML special characters', async (mime, make) => {
    const input = await make();
    const out = await embedProvenance(input, mime, { prompt: TRICKY, engine: 'builtin', createdAt: CREATED, digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });

    const meta = await sharp(out).metadata();
    expect(`image/${meta.format}`).toBe(mime);
    expect(meta).toMatchObject({ width: 48, height: 32 });
    expect(await readProvenance(out)).toEqual({
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      creatorTool: 'Atelier (builtin)',
      prompt: TRICKY,
    });
    const xmp = meta.xmp?.toString('utf8') ?? '';
    expect(xmp).toContain('<xmp:CreateDate>2025-03-04T05:06:07.089Z</xmp:CreateDate>');
    expect(xmp).toContain(
      '<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>',
    );
    expect(xmp).not.toContain('<b>');
  });

  it.each(FORMATS)('writes no description for %s when no prompt is given', async (mime, make) => {
    const out = await embedProvenance(await make(), mime, { engine: 'openai', createdAt: CREATED, digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });
    const prov = await readProvenance(out);
    expect(prov).toEqual({ digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, creatorTool: 'Atelier (openai)' });
    expect(prov.prompt).toBeUndefined();
    expect((await sharp(out).metadata()).xmp?.toString('utf8')).not.toContain('dc:description');
  });

  it('escapes the engine name too', async () => {
    const out = await embedProvenance(await noisy().png().toBuffer(), 'image/png', { engine: 'a<b>&"c"', createdAt: CREATED });
    expect((await readProvenance(out)).creatorTool).toBe('Atelier (a<b>&"c")');
  });

  it('keeps 16-bit PNG at 16 bits', async () => {
    const input = await noisy().toColourspace('rgb16').png().toBuffer();
    expect((await sharp(input).metadata()).depth).toBe('ushort');
    const out = await embedProvenance(input, 'image/png', { engine: 'builtin', createdAt: CREATED });
    expect((await sharp(out).metadata()).depth).toBe('ushort');
  });

  it('keeps lossless WebP pixels exactly', async () => {
    const input = await noisy().webp({ lossless: true }).toBuffer();
    const out = await embedProvenance(input, 'image/webp', { engine: 'builtin', createdAt: CREATED });
    expect((await sharp(out).raw().toBuffer()).equals(await sharp(input).raw().toBuffer())).toBe(true);
  });

  it.each(FORMATS)('keeps %s pixels exactly: the packet goes into the container, the image is not re-encoded', async (mime, make) => {
    const input = await make();
    const out = await embedProvenance(input, mime, { engine: 'builtin', createdAt: CREATED });
    expect((await sharp(out).raw().toBuffer()).equals(await sharp(input).raw().toBuffer())).toBe(true);
  });

  it('turns an image upright when its EXIF asks for a rotation, since that EXIF is dropped', async () => {
    const input = await noisy(48, 32).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await embedProvenance(input, 'image/jpeg', { engine: 'builtin', createdAt: CREATED, digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ width: 32, height: 48 });
    expect(meta.orientation).toBeUndefined();
    expect((await readProvenance(out)).digitalSourceType).toBe(TRAINED_ALGORITHMIC_MEDIA);
  });

  it('keeps the ICC profile and does not convert the pixels', async () => {
    const input = await noisy().withIccProfile('p3').png().toBuffer();
    const out = await embedProvenance(input, 'image/png', { engine: 'builtin', createdAt: CREATED });
    expect((await sharp(out).metadata()).icc).toBeDefined();
    const raw = (b: Buffer) => sharp(b, { ignoreIcc: true }).raw().toBuffer();
    expect((await raw(out)).equals(await raw(input))).toBe(true);
  });

  it('replaces XMP already in the image and drops EXIF', async () => {
    const input = await noisy()
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><old>previous packet</old></x:xmpmeta>')
      .withExif({ IFD0: { Make: 'EngineCo' } })
      .jpeg()
      .toBuffer();
    const out = await embedProvenance(input, 'image/jpeg', { engine: 'builtin', createdAt: CREATED, digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });
    const meta = await sharp(out).metadata();
    expect(meta.xmp?.toString('utf8')).not.toContain('previous packet');
    expect(meta.exif).toBeUndefined();
  });

  it('cuts a prompt too long for a JPEG XMP segment instead of losing the packet', async () => {
    const prompt = '<&>'.repeat(10_000) + 'é'.repeat(20_000);
    const out = await embedProvenance(await noisy().jpeg().toBuffer(), 'image/jpeg', {
      prompt,
      engine: 'builtin',
      createdAt: CREATED, digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
    });
    const prov = await readProvenance(out);
    expect(prov.digitalSourceType).toBe(TRAINED_ALGORITHMIC_MEDIA);
    expect(prov.prompt?.endsWith('…')).toBe(true);
    expect(prompt.startsWith(prov.prompt?.slice(0, -1) ?? 'x')).toBe(true);
    expect(prov.prompt?.length).toBeGreaterThan(10_000);
  });

  it('drops characters XML cannot carry', async () => {
    const out = await embedProvenance(await noisy().png().toBuffer(), 'image/png', {
      prompt: 'a\u0000b\u0007c\uFFFEd',
      engine: 'builtin',
      createdAt: CREATED,
    });
    expect((await readProvenance(out)).prompt).toBe('abcd');
  });

  it('reads nothing from an image without XMP', async () => {
    expect(await readProvenance(await noisy().png().toBuffer())).toEqual({});
  });

  it('refuses GIF, non-images and a mime that disagrees with the bytes', async () => {
    const gif = await noisy().gif().toBuffer();
    const png = await noisy().png().toBuffer();
    const opts = { engine: 'builtin', createdAt: CREATED };
    await expect(embedProvenance(gif, 'image/gif', opts)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(embedProvenance(png, 'image/jpeg', opts)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(readProvenance(Buffer.from('<svg/>'))).rejects.toBeInstanceOf(MediaError);
    await expect(embedProvenance(png, 'image/png', { engine: 'x', createdAt: new Date('nope') })).rejects.toThrow(
      RangeError,
    );
  });
});
