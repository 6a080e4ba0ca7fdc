import { useEffect, useRef, type MouseEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import './viewer.css';
import { FITTED, isZoomed, panBy, zoomBy, type Box, type View } from './zoom-pan';

/** Double-click zooms to this scale (or back to fitted when already zoomed). */
const DOUBLE_CLICK_SCALE = 2.5;

interface ZoomStageProps {
  view: View;
  onView(update: (view: View) => View): void;
  /** The stage element, so the owner can measure the box for keyboard zoom and pan. */
  stageRef: RefObject<HTMLDivElement | null>;
  children: ReactNode;
}

/** The stage's size, or a nominal one before layout (tests, hidden dialogs). */
export function measure(stage: HTMLElement | null): Box {
  return { width: stage?.clientWidth || 1, height: stage?.clientHeight || 1 };
}

/** A point of a mouse event relative to the stage's centre. */
function fromCentre(stage: HTMLElement, clientX: number, clientY: number) {
  const rect = stage.getBoundingClientRect();
  return { x: clientX - rect.left - rect.width / 2, y: clientY - rect.top - rect.height / 2 };
}

/** Shows its children scaled and moved by `view`: the wheel and double-click zoom, dragging pans a zoomed image. */
export function ZoomStage({ view, onView, stageRef, children }: ZoomStageProps) {
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);

  // React's wheel listener is passive; zooming must stop the page (or dialog) from scrolling instead.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const factor = Math.exp(-event.deltaY * 0.002);
      onView((current) => zoomBy(current, factor, measure(stage), fromCentre(stage, event.clientX, event.clientY)));
    };
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => stage.removeEventListener('wheel', onWheel);
  }, [stageRef, onView]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!isZoomed(view) || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const last = drag.current;
    if (!last || last.id !== event.pointerId) return;
    drag.current = { id: last.id, x: event.clientX, y: event.clientY };
    const box = measure(event.currentTarget);
    onView((current) => panBy(current, event.clientX - last.x, event.clientY - last.y, box));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const stage = event.currentTarget;
    const at = fromCentre(stage, event.clientX, event.clientY);
    onView((current) => (isZoomed(current) ? FITTED : zoomBy(current, DOUBLE_CLICK_SCALE, measure(stage), at)));
  };

  return (
    <div
      ref={stageRef}
      className={isZoomed(view) ? 'zoom-stage zoomed' : 'zoom-stage'}
      data-testid="zoom-stage"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={onDoubleClick}
    >
      <div className="zoom-content" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}>
        {children}
      </div>
    </div>
  );
}
