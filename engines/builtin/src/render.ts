/**
 * Rasterisation of one image: SVG scene -> libvips (sharp) -> style post-processing -> JPEG.
 * All heavy pixel work runs in libvips' thread pool; JavaScript only touches tiny buffers
 * (pixel-art quantisation of at most a few hundred thousand pixels, low-poly sampling of a thumbnail).
 * Small outputs take a cheaper road: the same SVG drawn by resvg straight to PNG (render-small.ts).
 */
import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import { hex, saturationMatrix } from './color.js';
import { MAX_SCENE_ASPECT, sceneSvg, sceneUnits } from './compose.js';
import type { ScenePlan } from './plan.js';
import { throwIfAborted } from './errors.js';
import { lowPolyBody } from './lowpoly.js';
import { rasteriseSvg, renderSmallPng, SMALL_RASTER_MAX_PIXELS, SMALL_RASTER_MIN_SIDE, type Raster } from './render-small.js';
import { varyPalette } from './palette.js';
import { Rng, hashString } from './rng.js';
import type { StyleSpec } from './styles.js';
import { FINE_TEXTURE_MIN_SIDE, prepareTextures, textureSvg } from './texture.js';
import { watermarkOverlay } from './watermark.js';

export interface RenderInput {
  plan: ScenePlan;
  width: number;
  height: number;
  /** Seed of this image (derived from prompt, seed, style, aspect and index). */
  imageSeed: number;
  /** Seed shared by the set (textures). */
  setSeed: number;
  watermark: boolean;
  referenceWash?: Buffer;
  signal?: AbortSignal;
}

export interface RenderedImage {
  data: Buffer;
  width: number;
  height: number;
  mime: 'image/jpeg' | 'image/png';
}

export const JPEG_OPTIONS = { quality: 90, mozjpeg: false, chromaSubsampling: '4:2:0' } as const;

/** The raster size the SVG is drawn at for an output size and style. */
export function workSize(style: StyleSpec, width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(style.maxWorkPixels / (width * height)));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whether an output is drawn on the small path: few pixels, and nothing that needs libvips after the SVG. */
function takesSmallPath(style: StyleSpec, width: number, height: number, watermark: boolean): boolean {
  if (width * height > SMALL_RASTER_MAX_PIXELS || style.pixel) return false;
  if (Math.min(width, height) < SMALL_RASTER_MIN_SIDE || Math.max(width / height, height / width) > MAX_SCENE_ASPECT) return false;
  if (style.blur * Math.min(width, height) >= 0.3) return false;
  return !(watermark && watermarkOverlay(width, height));
}

/** A small SVG's pixels: resvg when the output is small, libvips otherwise. */
async function rasterise(svg: string, small: boolean): Promise<Raster> {
  if (small) return rasteriseSvg(svg);
  const { data, info } = await svgInput(svg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function svgInput(svg: string): Sharp {
  return sharp(Buffer.from(svg), { limitInputPixels: false });
}

/** Colour grade of a style as one colour matrix (saturation, warmth) and one linear map (contrast, lift). */
function applyGrade(img: Sharp, style: StyleSpec): Sharp {
  const g = style.grade;
  if (!g) return img;
  const sat = g.saturation ?? 1;
  const warm = g.warm ?? 0;
  if (sat !== 1 || warm !== 0) {
    img = img.recomb(saturationMatrix(sat, [1 + warm, 1 + warm * 0.15, 1 - warm]));
  }
  if (g.contrast !== undefined || g.lift !== undefined) {
    const c = g.contrast ?? 1;
    const lift = g.lift ?? 0;
    const k = (255 - lift) / 255;
    img = img.linear(c * k, 128 * (1 - c) * k + lift);
  }
  return img;
}

async function encode(img: Sharp, width: number, height: number, watermark: boolean): Promise<Buffer> {
  const overlays: OverlayOptions[] = [];
  if (watermark) {
    const mark = watermarkOverlay(width, height);
    if (mark) overlays.push(mark);
  }
  if (overlays.length) img = img.composite(overlays);
  return img.jpeg(JPEG_OPTIONS).toBuffer();
}

export async function renderImage(input: RenderInput): Promise<RenderedImage> {
  const { plan, width, height } = input;
  const style = plan.style;
  const rng = new Rng(input.imageSeed);
  const palette = varyPalette(plan.palette, rng.fork('palette'));
  const done = async (data: Buffer): Promise<RenderedImage> => ({ data, width, height, mime: 'image/jpeg' });
  const small = takesSmallPath(style, width, height, input.watermark);

  if (style.pixel) {
    // Pixel art: draw the scene with one SVG pixel per art pixel, quantise, then scale up with hard edges.
    const k = Math.max(1, Math.round(Math.min(width, height) / style.pixel.cells));
    const artW = Math.ceil(width / k);
    const artH = Math.ceil(height / k);
    const { svg } = sceneSvg({ plan, palette, rng, width, height, pxWidth: artW, pxHeight: artH, referenceWash: input.referenceWash });
    // Limited palette with light dithering (libimagequant, inside libvips), decoded back to raw pixels.
    const indexed = await svgInput(svg).removeAlpha().png({ palette: true, colours: style.pixel.colours, dither: style.pixel.dither, effort: 3 }).toBuffer();
    const raw = await sharp(indexed).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    throwIfAborted(input.signal);
    let img = applyGrade(sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }), style);
    if (k > 1 || artW !== width || artH !== height) {
      img = img.resize(artW * k, artH * k, { kernel: 'nearest', fit: 'fill' });
      if (artW * k !== width || artH * k !== height) {
        img = sharp(await img.raw().toBuffer(), { raw: { width: artW * k, height: artH * k, channels: raw.info.channels } }).extract({ left: 0, top: 0, width, height });
      }
    }
    return done(await encode(img, width, height, input.watermark));
  }

  const work = workSize(style, width, height);
  const { w, h } = sceneUnits(width, height);
  const fine = Math.min(width, height) >= FINE_TEXTURE_MIN_SIDE;
  const tiles = await prepareTextures(input.setSeed, style.grain, style.paper, Math.max(work.width, work.height), fine);
  let svg: string;
  if (style.lowPoly) {
    // Facets stay at least ~24 output pixels wide: small images get fewer, larger triangles.
    const columns = Math.min(style.lowPoly.columns, Math.max(6, Math.round(Math.max(width, height) / 24)));
    const sampleW = Math.max(8, Math.round(columns * 4 * Math.min(1, width / height)));
    const sampleH = Math.max(8, Math.round(columns * 4 * Math.min(1, height / width)));
    // The subjects (buildings, figures, boats) are drawn whole over the facets, which would average them away.
    const base = sceneSvg({
      plan, palette, rng, width, height, pxWidth: sampleW, pxHeight: sampleH, referenceWash: input.referenceWash, subjectsApart: true,
    });
    const sample = await rasterise(base.svg, small);
    throwIfAborted(input.signal);
    // The subjects' own document: it holds the definitions (gradients, filters) they use.
    const subjects = base.scene.subjects!;
    const doc = subjects.doc;
    const body = lowPolyBody(
      sample,
      new Rng(hashString('low-poly', input.imageSeed)),
      w,
      h,
      columns,
      base.scene.celestial,
      hex(palette.sun),
      base.scene.horizon,
    );
    svg = doc.toString(body + subjects.markup.join('') + textureSvg(doc, work.width, work.height, tiles), work.width, work.height);
  } else {
    svg = sceneSvg({
      plan,
      palette,
      rng,
      width,
      height,
      pxWidth: work.width,
      pxHeight: work.height,
      referenceWash: input.referenceWash,
      extra: (doc) => textureSvg(doc, work.width, work.height, tiles),
    }).svg;
  }
  throwIfAborted(input.signal);
  if (small) return { data: renderSmallPng(svg, style, w, h), width, height, mime: 'image/png' };
  let img = applyGrade(svgInput(svg).removeAlpha(), style);
  const upscale = work.width !== width || work.height !== height;
  if (upscale) {
    // Rasterise at the work size first: resizing inside the SVG pipeline would make libvips re-render the vector
    // input at the full output size, which is what the work size is there to avoid.
    const raw = await img.raw().toBuffer({ resolveWithObject: true });
    throwIfAborted(input.signal);
    // Bilinear is visibly as good as bicubic on this soft, grained art and costs about half as much at 4K.
    img = sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }).resize(width, height, {
      kernel: 'linear',
      fit: 'fill',
    });
  } else {
    const blurSigma = style.blur * Math.min(width, height);
    if (blurSigma >= 0.3) img = img.blur(blurSigma);
  }
  return done(await encode(img, width, height, input.watermark));
}
