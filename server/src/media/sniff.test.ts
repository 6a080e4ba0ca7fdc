import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { sniffImageType } from './sniff.js';

const create = () => sharp({ create: { width: 8, height: 6, channels: 3, background: '#3a6' } });

describe('sniffImageType', () => {
  it.each([
    ['image/png', () => create().png().toBuffer()],
    ['image/jpeg', () => create().jpeg().toBuffer()],
    ['image/webp', () => create().webp().toBuffer()],
    ['image/webp', () => create().webp({ lossless: true }).toBuffer()],
    ['image/webp', () => create().ensureAlpha(0.5).webp().toBuffer()],
    ['image/gif', () => create().gif().toBuffer()],
  ] as const)('recognises %s from its bytes', async (mime, make) => {
    expect(sniffImageType(await make())).toBe(mime);
  });

  it('recognises GIF87a too', () => {
    expect(sniffImageType(Buffer.from('GIF87a\x08\x00\x06\x00', 'latin1'))).toBe('image/gif');
  });

  it('rejects formats Atelier does not accept, even ones sharp can read', async () => {
    const tiff = await create().tiff().toBuffer();
    const avif = await create().avif().toBuffer();
    expect(sniffImageType(tiff)).toBeUndefined();
    expect(sniffImageType(avif)).toBeUndefined();
  });

  it.each([
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>')],
    ['SVG with XML declaration', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['BMP', Buffer.concat([Buffer.from('BM', 'latin1'), Buffer.alloc(60)])],
    ['HEIC', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(16)])],
    ['text', Buffer.from('just a text file named cat.png\n')],
    ['empty', Buffer.alloc(0)],
    ['garbage', Buffer.from([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22, 0x33, 0x44])],
    ['a PNG signature cut short', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
    ['a lone JPEG SOI', Buffer.from([0xff, 0xd8])],
    ['a RIFF that is not WebP', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    ['a RIFF WEBP header with no bitstream chunk', Buffer.from('RIFF\x04\x00\x00\x00WEBP', 'latin1')],
  ])('returns undefined for %s', (_name, buf) => {
    expect(sniffImageType(buf)).toBeUndefined();
  });
});
