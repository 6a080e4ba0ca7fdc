/**
 * Seeded texture layers (film grain, paper fibres, pigment blotches), drawn inside the scene SVG as repeating
 * image patterns so cairo composites them while rasterising (much cheaper than extra libvips blend passes).
 * The per-pixel JavaScript work is bounded by the tile size (at most 256x256), never by the output size; tiles are
 * cached. Small images get small tiles (less to decode for the same look).
 */
import { encode as encodePng } from 'fast-png';
import { Rng } from './rng.js';
import { n, type SvgDoc } from './svg.js';

export const TILE = 256;
export const SMALL_TILE = 64;
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

/**
 * Tiles are a few KB of RGBA: encoded in JavaScript, since a libvips pipeline costs ~0.5–1 ms of fixed overhead
 * per call, and the blotch image is made anew for every set.
 */
const png = async (data: Buffer, width: number, height: number, stored = false): Promise<Buffer> => {
  const bytes = encodePng({ width, height, data, channels: 4, depth: 8 }, stored ? { zlib: { level: 0 } } : {});
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** Film grain: light and dark specks whose opacity follows a roughly normal distribution. */
export function grainTile(seed: number, strength: number, size = TILE): Promise<Buffer> {
  return cached(`grain:${seed}:${strength}:${size}`, () => {
    const rng = new Rng(seed);
    const data = Buffer.alloc(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      const v = rng.normal();
      const c = v > 0 ? 255 : 0;
      data[i * 4] = c;
      data[i * 4 + 1] = c;
      data[i * 4 + 2] = c;
      data[i * 4 + 3] = Math.min(255, Math.round(Math.abs(v) * 95 * strength));
    }
    return png(data, size, size);
  });
}

/** Paper: fine tooth plus short fibres, as translucent warm-dark specks. */
export function paperTile(seed: number, strength: number, size = TILE): Promise<Buffer> {
  return cached(`paper:${seed}:${strength}:${size}`, () => {
    const rng = new Rng(seed);
    const grey = new Float32Array(size * size);
    for (let i = 0; i < grey.length; i++) grey[i] = rng.next() * 0.7;
    const fibres = Math.round((900 * size * size) / (TILE * TILE));
    for (let f = 0; f < fibres; f++) {
      let x = rng.range(0, size);
      let y = rng.range(0, size);
      const a = rng.range(-0.6, 0.6) + (rng.chance(0.5) ? 0 : Math.PI / 2);
      const len = rng.int(6, 22);
      const dark = rng.range(0.25, 0.6);
      for (let k = 0; k < len; k++) {
        const ix = ((Math.round(x) % size) + size) % size;
        const iy = ((Math.round(y) % size) + size) % size;
        grey[iy * size + ix] += dark;
        x += Math.cos(a);
        y += Math.sin(a);
      }
    }
    const data = Buffer.alloc(size * size * 4);
    for (let i = 0; i < grey.length; i++) {
      data[i * 4] = 70;
      data[i * 4 + 1] = 55;
      data[i * 4 + 2] = 40;
      data[i * 4 + 3] = Math.round(Math.min(1.6, grey[i]) * 26 * strength);
    }
    return png(data, size, size);
  });
}

const BLOTCH_CELLS = 10;
const BLOTCH_RGB = [90, 70, 60];

/** Opacity (0-255) of each cell of the blotch grid, row by row. */
function blotchAlpha(seed: number, strength: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: BLOTCH_CELLS * BLOTCH_CELLS }, () => Math.round(rng.next() * 50 * strength));
}

function blotchPixels(alpha: ArrayLike<number>): Buffer {
  const data = Buffer.alloc(alpha.length * 4);
  for (let i = 0; i < alpha.length; i++) {
    data[i * 4] = BLOTCH_RGB[0];
    data[i * 4 + 1] = BLOTCH_RGB[1];
    data[i * 4 + 2] = BLOTCH_RGB[2];
    data[i * 4 + 3] = Math.round(alpha[i]);
  }
  return data;
}

/** Low-frequency pigment blotches: a tiny translucent grid the rasteriser stretches smoothly over the canvas. */
export function blotchImage(seed: number, strength: number): Promise<Buffer> {
  return cached(`blotch:${seed}:${strength}`, () =>
    // Stored, not deflated: 400 bytes are not worth setting up a compressor for every set.
    png(blotchPixels(blotchAlpha(seed, strength)), BLOTCH_CELLS, BLOTCH_CELLS, true),
  );
}

/** The blotch grid stretched to `size` x `size` by bilinear interpolation (pixel centres aligned, edges clamped). */
export function smoothBlotchImage(seed: number, strength: number, size: number): Promise<Buffer> {
  return cached(`blotch:${seed}:${strength}:${size}`, () => {
    const cells = blotchAlpha(seed, strength);
    const taps = Array.from({ length: size }, (_, i) => {
      const at = Math.min(BLOTCH_CELLS - 1, Math.max(0, ((i + 0.5) * BLOTCH_CELLS) / size - 0.5));
      const lo = Math.min(BLOTCH_CELLS - 2, Math.floor(at));
      return { lo, f: at - lo };
    });
    const alpha = new Float32Array(size * size);
    for (let y = 0; y < size; y++) {
      const { lo: r, f: fy } = taps[y];
      for (let x = 0; x < size; x++) {
        const { lo: c, f: fx } = taps[x];
        const top = cells[r * BLOTCH_CELLS + c] * (1 - fx) + cells[r * BLOTCH_CELLS + c + 1] * fx;
        const bottom = cells[(r + 1) * BLOTCH_CELLS + c] * (1 - fx) + cells[(r + 1) * BLOTCH_CELLS + c + 1] * fx;
        alpha[y * size + x] = top * (1 - fy) + bottom * fy;
      }
    }
    return png(blotchPixels(alpha), size, size, true);
  });
}

/** The texture images a style needs as data URIs, prepared once (cached) before drawing. */
export interface TextureTiles {
  grain?: string;
  paper?: string;
  blotch?: string;
  /** Whether the blotch image is already smooth at about the raster's resolution (drawn without resampling). */
  smoothBlotch: boolean;
  /** Tile size in pixels. */
  size: number;
}

/** Textures come in a few fixed variants so the cache serves every job after the first few. */
export const TEXTURE_VARIANTS = 4;

const dataUri = async (png: Promise<Buffer>): Promise<string> => `data:image/png;base64,${(await png).toString('base64')}`;
const uriCache = new Map<string, Promise<string>>();

function uri(key: string, make: () => Promise<Buffer>): Promise<string> {
  let value = uriCache.get(key);
  if (!value) {
    value = dataUri(make());
    if (uriCache.size >= 48) uriCache.delete(uriCache.keys().next().value as string);
    uriCache.set(key, value);
    value.catch(() => uriCache.delete(key));
  }
  return value;
}

/**
 * Outputs whose shorter side is below this get no grain or paper fibres (the blotches stay): those textures are
 * one-pixel specks meant to be seen at full size, and on a thumbnail they only read as noise.
 */
export const FINE_TEXTURE_MIN_SIDE = 256;

/**
 * Rasters up to this longer side get the blotches smoothed in advance, at SMOOTH_BLOTCH_SIZE pixels, and drawn with the
 * nearest pixel: resvg's smooth (bicubic) stretch of the 10x10 grid costs as much as a dozen shapes at these sizes.
 */
export const SMOOTH_BLOTCH_MAX_SIDE = 128;
export const SMOOTH_BLOTCH_SIZE = 32;

/** Textures for a raster whose longer side is `maxSide` pixels; `fine`: whether grain and paper fibres are drawn. */
export async function prepareTextures(seed: number, grain: number, paper: number, maxSide: number, fine = true): Promise<TextureTiles> {
  const variant = (seed >>> 0) % TEXTURE_VARIANTS;
  const size = maxSide <= 4 * SMALL_TILE ? SMALL_TILE : TILE;
  const smoothBlotch = maxSide <= SMOOTH_BLOTCH_MAX_SIDE;
  const blotchSeed = seed ^ 0x5bd1e995;
  const [g, p, b] = await Promise.all([
    fine && grain > 0 ? uri(`g${variant}:${grain}:${size}`, () => grainTile(0x27d4eb2d + variant, grain, size)) : undefined,
    fine && paper > 0 ? uri(`p${variant}:${paper}:${size}`, () => paperTile(0x85ebca6b + variant, paper, size)) : undefined,
    paper <= 0
      ? undefined
      : smoothBlotch
        ? uri(`b${seed}:${paper}:${SMOOTH_BLOTCH_SIZE}`, () => smoothBlotchImage(blotchSeed, paper, SMOOTH_BLOTCH_SIZE))
        : uri(`b${seed}:${paper}`, () => blotchImage(blotchSeed, paper)),
  ]);
  return { grain: g, paper: p, blotch: b, smoothBlotch, size };
}

/** SVG markup drawing the textures over the whole scene, for a raster of pxWidth x pxHeight (one tile pixel per raster pixel). */
export function textureSvg(doc: SvgDoc, pxWidth: number, pxHeight: number, tiles: TextureTiles): string {
  const tileUnits = tiles.size / Math.max(pxWidth / doc.w, pxHeight / doc.h);
  const layer = (href: string): string => {
    const id = doc.def(
      'p',
      (pid) =>
        `<pattern id="${pid}" patternUnits="userSpaceOnUse" width="${n(tileUnits)}" height="${n(tileUnits)}"><image href="${href}" width="${n(tileUnits)}" height="${n(tileUnits)}"/></pattern>`,
    );
    return `<rect width="${n(doc.w)}" height="${n(doc.h)}" fill="url(#${id})"/>`;
  };
  let out = '';
  if (tiles.blotch) {
    const rendering = tiles.smoothBlotch ? ' image-rendering="optimizeSpeed"' : '';
    out += `<image href="${tiles.blotch}" width="${n(doc.w)}" height="${n(doc.h)}" preserveAspectRatio="none"${rendering}/>`;
  }
  if (tiles.paper) out += layer(tiles.paper);
  if (tiles.grain) out += layer(tiles.grain);
  return out;
}
