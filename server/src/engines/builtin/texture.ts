/**
 * Seeded texture layers (film grain, paper fibres, pigment blotches), drawn inside the scene SVG as repeating
 * image patterns so cairo composites them while rasterising (much cheaper than extra libvips blend passes).
 * The per-pixel JavaScript work is bounded by the tile size (256x256), never by the output size; tiles are cached.
 */
import sharp from 'sharp';
import { Rng } from './rng.js';
import { n, type SvgDoc } from './svg.js';

export const TILE = 256;
const tileCache = new Map<string, Promise<Buffer>>();

function cached(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let tile = tileCache.get(key);
  if (!tile) {
    tile = make();
    if (tileCache.size >= 24) tileCache.delete(tileCache.keys().next().value as string);
    tileCache.set(key, tile);
    tile.catch(() => tileCache.delete(key));
  }
  return tile;
}

const png = (data: Buffer, width: number, height: number): Promise<Buffer> =>
  sharp(data, { raw: { width, height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();

/** Film grain: light and dark specks whose opacity follows a roughly normal distribution. */
export function grainTile(seed: number, strength: number): Promise<Buffer> {
  return cached(`grain:${seed}:${strength}`, () => {
    const rng = new Rng(seed);
    const data = Buffer.alloc(TILE * TILE * 4);
    for (let i = 0; i < TILE * TILE; i++) {
      const v = rng.normal();
      const c = v > 0 ? 255 : 0;
      data[i * 4] = c;
      data[i * 4 + 1] = c;
      data[i * 4 + 2] = c;
      data[i * 4 + 3] = Math.min(255, Math.round(Math.abs(v) * 95 * strength));
    }
    return png(data, TILE, TILE);
  });
}

/** Paper: fine tooth plus short fibres, as translucent warm-dark specks. */
export function paperTile(seed: number, strength: number): Promise<Buffer> {
  return cached(`paper:${seed}:${strength}`, () => {
    const rng = new Rng(seed);
    const grey = new Float32Array(TILE * TILE);
    for (let i = 0; i < grey.length; i++) grey[i] = rng.next() * 0.7;
    for (let f = 0; f < 900; f++) {
      let x = rng.range(0, TILE);
      let y = rng.range(0, TILE);
      const a = rng.range(-0.6, 0.6) + (rng.chance(0.5) ? 0 : Math.PI / 2);
      const len = rng.int(6, 22);
      const dark = rng.range(0.25, 0.6);
      for (let k = 0; k < len; k++) {
        const ix = ((Math.round(x) % TILE) + TILE) % TILE;
        const iy = ((Math.round(y) % TILE) + TILE) % TILE;
        grey[iy * TILE + ix] += dark;
        x += Math.cos(a);
        y += Math.sin(a);
      }
    }
    const data = Buffer.alloc(TILE * TILE * 4);
    for (let i = 0; i < grey.length; i++) {
      data[i * 4] = 70;
      data[i * 4 + 1] = 55;
      data[i * 4 + 2] = 40;
      data[i * 4 + 3] = Math.round(Math.min(1.6, grey[i]) * 26 * strength);
    }
    return png(data, TILE, TILE);
  });
}

/** Low-frequency pigment blotches: a tiny translucent grid the rasteriser stretches smoothly over the canvas. */
export function blotchImage(seed: number, strength: number): Promise<Buffer> {
  return cached(`blotch:${seed}:${strength}`, () => {
    const size = 10;
    const rng = new Rng(seed);
    const data = Buffer.alloc(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      data[i * 4] = 90;
      data[i * 4 + 1] = 70;
      data[i * 4 + 2] = 60;
      data[i * 4 + 3] = Math.round(rng.next() * 50 * strength);
    }
    return png(data, size, size);
  });
}

/** The texture images a style needs, prepared once (cached) before drawing. */
export interface TextureTiles {
  grain?: Buffer;
  paper?: Buffer;
  blotch?: Buffer;
}

export async function prepareTextures(seed: number, grain: number, paper: number): Promise<TextureTiles> {
  const [g, p, b] = await Promise.all([
    grain > 0 ? grainTile(seed ^ 0x27d4eb2d, grain) : undefined,
    paper > 0 ? paperTile(seed, paper) : undefined,
    paper > 0 ? blotchImage(seed ^ 0x5bd1e995, paper) : undefined,
  ]);
  return { grain: g, paper: p, blotch: b };
}

/** SVG markup drawing the textures over the whole scene, for a raster of pxWidth x pxHeight (a tile maps to ~256 px). */
export function textureSvg(doc: SvgDoc, pxWidth: number, pxHeight: number, tiles: TextureTiles): string {
  const tileUnits = TILE / Math.max(pxWidth / doc.w, pxHeight / doc.h);
  const layer = (pngData: Buffer): string => {
    const href = `data:image/png;base64,${pngData.toString('base64')}`;
    const id = doc.def(
      'p',
      (pid) =>
        `<pattern id="${pid}" patternUnits="userSpaceOnUse" width="${n(tileUnits)}" height="${n(tileUnits)}"><image href="${href}" width="${n(tileUnits)}" height="${n(tileUnits)}"/></pattern>`,
    );
    return `<rect width="${n(doc.w)}" height="${n(doc.h)}" fill="url(#${id})"/>`;
  };
  let out = '';
  if (tiles.blotch) out += `<image href="data:image/png;base64,${tiles.blotch.toString('base64')}" width="${n(doc.w)}" height="${n(doc.h)}" preserveAspectRatio="none"/>`;
  if (tiles.paper) out += layer(tiles.paper);
  if (tiles.grain) out += layer(tiles.grain);
  return out;
}
