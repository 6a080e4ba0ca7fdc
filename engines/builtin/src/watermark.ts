/** The small visible mark added when a job asks for a watermark. */
import type { OverlayOptions } from 'sharp';
import { escapeXml } from './svg.js';

export const WATERMARK_TEXT = 'Atelier · procedural';

/** An overlay for the bottom-right corner, or undefined when the image is too small to carry one legibly. */
export function watermarkOverlay(width: number, height: number, text = WATERMARK_TEXT): OverlayOptions | undefined {
  const margin = Math.max(3, Math.round(Math.min(width, height) * 0.02));
  let size = Math.max(9, Math.round(Math.min(width, height) * 0.022));
  const charWidth = 0.6;
  const maxWidth = width - margin * 2;
  if (text.length * size * charWidth > maxWidth) size = Math.floor(maxWidth / (text.length * charWidth));
  if (size < 6) return undefined;
  const boxW = Math.ceil(text.length * size * charWidth + size);
  const boxH = Math.ceil(size * 1.6);
  if (boxW > width || boxH > height) return undefined;
  const shadow = Math.max(1, Math.round(size / 12));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${boxW}" height="${boxH}">` +
    `<g font-family="DejaVu Sans, Verdana, sans-serif" font-size="${size}" text-anchor="end">` +
    `<text x="${boxW - shadow}" y="${Math.round(size * 1.15) + shadow}" fill="#000" fill-opacity="0.45">${escapeXml(text)}</text>` +
    `<text x="${boxW - shadow * 2}" y="${Math.round(size * 1.15)}" fill="#fff" fill-opacity="0.82">${escapeXml(text)}</text>` +
    `</g></svg>`;
  return {
    input: Buffer.from(svg),
    left: Math.max(0, width - boxW - margin),
    top: Math.max(0, height - boxH - margin),
  };
}
