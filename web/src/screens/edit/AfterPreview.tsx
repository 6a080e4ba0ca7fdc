import { useEffect, useRef, useState } from 'react';
import type { Asset } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { outputSize, previewFilter, roundRect, type EditTools } from './edit-model';

/** Longest side of the preview canvas: enough for the screen, cheap to redraw on every slider move. */
const PREVIEW_SIDE = 900;

/**
 * The live "after" view: the source drawn on a canvas with the crop, quarter turns and flips applied and the
 * adjustments approximated by a canvas filter (a vignette is painted on top).
 */
export function AfterPreview({ asset, tools }: { asset: Asset; tools: EditTools }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);

  useEffect(() => {
    const img = new Image();
    img.onload = () => setImage(img);
    img.src = asset.urls.content;
  }, [asset.urls.content]);

  const out = outputSize(tools, asset.width, asset.height);
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(out.width, out.height));
  const cw = Math.max(1, Math.round(out.width * scale));
  const ch = Math.max(1, Math.round(out.height * scale));

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !image) return;
    const c = roundRect(tools.crop, asset.width, asset.height);
    // The engine rotates, then flips: canvas transforms apply to the drawing in reverse order of the calls.
    ctx.save();
    ctx.clearRect(0, 0, cw, ch);
    ctx.filter = previewFilter(tools);
    ctx.translate(cw / 2, ch / 2);
    ctx.scale(tools.flipH ? -1 : 1, tools.flipV ? -1 : 1);
    ctx.rotate((tools.rotate * Math.PI) / 180);
    const dw = c.width * scale;
    const dh = c.height * scale;
    ctx.drawImage(image, c.left, c.top, c.width, c.height, -dw / 2, -dh / 2, dw, dh);
    ctx.restore();
    if (tools.filter === 'vignette') {
      const g = ctx.createRadialGradient(cw / 2, ch / 2, 0, cw / 2, ch / 2, Math.hypot(cw, ch) / 2);
      g.addColorStop(0.45, 'rgba(0,0,0,0)');
      g.addColorStop(1, 'rgba(0,0,0,0.54)');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, cw, ch);
    }
  }, [image, tools, cw, ch, scale, asset.width, asset.height]);

  return (
    <figure className="after-figure">
      <canvas ref={canvas} width={cw} height={ch} role="img" aria-label={t('edit.afterAlt')} style={{ aspectRatio: `${cw} / ${ch}` }} />
      <figcaption className="muted small">{t('edit.outputSize', { w: out.width, h: out.height })}</figcaption>
    </figure>
  );
}
