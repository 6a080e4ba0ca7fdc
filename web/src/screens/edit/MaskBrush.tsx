import { forwardRef, useId, useImperativeHandle, useRef, useState, type PointerEvent } from 'react';
import type { Asset } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { invert, isEmpty, maskPng, stroke, type BrushMode } from './mask-canvas';

export interface MaskBrushHandle {
  /** The mask as a PNG of the image's size, or null when nothing is painted. */
  exportMask(): Promise<Blob | null>;
}

/** Paint where the engine should repaint: draw, erase, invert and a feathered edge, over the image. */
export const MaskBrush = forwardRef<MaskBrushHandle, { asset: Asset; onPainted(painted: boolean): void }>(function MaskBrush({ asset, onPainted }, ref) {
  const t = useT();
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [mode, setMode] = useState<BrushMode>('draw');
  const [size, setSize] = useState(Math.max(8, Math.round(Math.max(asset.width, asset.height) / 20)));
  const [feather, setFeather] = useState(4);

  useImperativeHandle(ref, () => ({
    exportMask: async () => (canvas.current && !isEmpty(canvas.current) ? maskPng(canvas.current, feather) : null),
  }), [feather]);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * asset.width, y: ((e.clientY - box.top) / box.height) * asset.height };
  };
  const changed = () => canvas.current && onPainted(!isEmpty(canvas.current));

  return (
    <div className="mask-brush">
      {/* The stage has the image's shape before the image loads, so the canvas over it is never empty of size. */}
      <div className="mask-stage" style={{ aspectRatio: `${asset.width} / ${asset.height}` }}>
        <img src={asset.urls.content} alt="" />
        <canvas
          ref={canvas} width={asset.width} height={asset.height} className="mask-canvas" role="img" aria-label={t('edit.mask.canvas')}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = at(e);
            stroke(e.currentTarget, last.current, last.current, size, mode);
          }}
          onPointerMove={(e) => {
            if (!last.current) return;
            const p = at(e);
            stroke(e.currentTarget, last.current, p, size, mode);
            last.current = p;
          }}
          onPointerUp={() => {
            last.current = null;
            changed();
          }}
        />
      </div>
      <div className="row mask-controls">
        <div className="segmented" role="radiogroup" aria-label={t('edit.mask.mode')}>
          {(['draw', 'erase'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => setMode(m)} />
              {t(m === 'draw' ? 'edit.mask.draw' : 'edit.mask.erase')}
            </label>
          ))}
        </div>
        <div className="field slider">
          <label htmlFor={`${id}-size`}>{t('edit.mask.size')} <output htmlFor={`${id}-size`}>{size}</output></label>
          <input id={`${id}-size`} type="range" min={2} max={Math.max(64, Math.round(Math.max(asset.width, asset.height) / 4))} value={size} onChange={(e) => setSize(Number(e.target.value))} />
        </div>
        <div className="field slider">
          <label htmlFor={`${id}-feather`}>{t('edit.mask.feather')} <output htmlFor={`${id}-feather`}>{feather}</output></label>
          <input id={`${id}-feather`} type="range" min={0} max={64} value={feather} onChange={(e) => setFeather(Number(e.target.value))} />
        </div>
        <button type="button" className="button" onClick={() => { if (canvas.current) { invert(canvas.current); changed(); } }}>{t('edit.mask.invert')}</button>
        <button type="button" className="button" onClick={() => { canvas.current?.getContext('2d')?.clearRect(0, 0, asset.width, asset.height); onPainted(false); }}>
          {t('edit.mask.clear')}
        </button>
      </div>
    </div>
  );
});
