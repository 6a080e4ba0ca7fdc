/** The painting behind the mask brush: strokes on a canvas at the image's size, inverted, and exported as PNG. */

/** Paint colour on screen; what counts is only where paint is (its alpha). */
const PAINT = 'rgba(220, 40, 60, 1)';

export type BrushMode = 'draw' | 'erase';

export function stroke(canvas: HTMLCanvasElement, from: { x: number; y: number }, to: { x: number; y: number }, size: number, mode: BrushMode) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.save();
  ctx.globalCompositeOperation = mode === 'erase' ? 'destination-out' : 'source-over';
  ctx.strokeStyle = PAINT;
  ctx.lineWidth = size;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
  ctx.restore();
}

/** Painted becomes unpainted and the other way round. */
export function invert(canvas: HTMLCanvasElement) {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const c = copy.getContext('2d');
  const ctx = canvas.getContext('2d');
  if (!c || !ctx) return;
  c.fillStyle = PAINT;
  c.fillRect(0, 0, copy.width, copy.height);
  c.globalCompositeOperation = 'destination-out';
  c.drawImage(canvas, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(copy, 0, 0);
}

export function isEmpty(canvas: HTMLCanvasElement): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx) return true;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return false;
  return true;
}

/** The mask engines take: black, white where painted, its edge softened by `feather` pixels; a PNG of the same size. */
export function maskPng(canvas: HTMLCanvasElement, feather: number): Promise<Blob> {
  const white = document.createElement('canvas');
  white.width = canvas.width;
  white.height = canvas.height;
  const w = white.getContext('2d')!;
  w.drawImage(canvas, 0, 0);
  w.globalCompositeOperation = 'source-in';
  w.fillStyle = '#fff';
  w.fillRect(0, 0, white.width, white.height);
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const o = out.getContext('2d')!;
  o.fillStyle = '#000';
  o.fillRect(0, 0, out.width, out.height);
  if (feather > 0) o.filter = `blur(${feather}px)`;
  o.drawImage(white, 0, 0);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('mask export failed'))), 'image/png'));
}
