import { useRef, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { Asset } from '../../api/types';
import { imageAlt } from '../../components/image-ref';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { keyboardCrop, moveRect, resizeRect, roundRect, type Handle, type Rect } from './edit-model';

interface CropEditorProps {
  asset: Asset;
  crop: Rect;
  ratio: number | null;
  onChange(crop: Rect): void;
}

const HANDLES: Handle[] = ['nw', 'ne', 'sw', 'se'];

/**
 * The source image with a crop box over it: drag the box to move it, drag a corner to resize it, or focus it and
 * use the arrow keys (Shift resizes). Positions are kept in source pixels and shown in percentages.
 */
export function CropEditor({ asset, crop, ratio, onChange }: CropEditorProps) {
  const t = useT();
  const frame = useRef<HTMLDivElement>(null);
  const { width: W, height: H } = asset;

  function startDrag(event: ReactPointerEvent<HTMLElement>, handle: Handle | 'move') {
    event.preventDefault();
    event.stopPropagation();
    const el = frame.current;
    if (!el) return;
    const scale = W / el.getBoundingClientRect().width;
    const start = { x: event.clientX, y: event.clientY, rect: crop };
    const target = event.currentTarget;
    target.setPointerCapture?.(event.pointerId);
    const onMove = (e: PointerEvent) => {
      const dx = (e.clientX - start.x) * scale;
      const dy = (e.clientY - start.y) * scale;
      onChange(handle === 'move' ? moveRect(start.rect, dx, dy, W, H) : resizeRect(start.rect, handle, dx, dy, ratio, W, H));
    };
    const onUp = () => {
      target.removeEventListener('pointermove', onMove as EventListener);
      target.removeEventListener('pointerup', onUp);
      target.removeEventListener('pointercancel', onUp);
    };
    target.addEventListener('pointermove', onMove as EventListener);
    target.addEventListener('pointerup', onUp);
    target.addEventListener('pointercancel', onUp);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = keyboardCrop(crop, event.key, event.shiftKey, ratio, W, H);
    if (!next) return;
    event.preventDefault();
    onChange(next);
  }

  const shown = roundRect(crop, W, H);
  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  return (
    <div ref={frame} className="crop-frame" style={{ aspectRatio: `${W} / ${H}` }}>
      <img src={asset.urls.content} alt={imageAlt(t, asset)} draggable={false} />
      <div
        className="crop-box"
        role="group"
        tabIndex={0}
        aria-label={t('edit.cropBox', { w: shown.width, h: shown.height, x: shown.left, y: shown.top })}
        style={{ left: pct(crop.left, W), top: pct(crop.top, H), width: pct(crop.width, W), height: pct(crop.height, H) }}
        onPointerDown={(e) => startDrag(e, 'move')}
        onKeyDown={onKeyDown}
        data-testid="crop-box"
      >
        {HANDLES.map((h) => (
          <span
            key={h}
            className={`crop-handle ${h}`}
            aria-hidden="true"
            title={t('edit.handle', { corner: t(`edit.corner.${h}` as MessageKey) })}
            data-handle={h}
            onPointerDown={(e) => startDrag(e, h)}
          />
        ))}
      </div>
    </div>
  );
}
