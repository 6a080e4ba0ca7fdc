import { useCallback, useEffect, useRef, useState } from 'react';
import { assetsApi } from '../api/assets';
import { assetUrls } from '../api/generations';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { imageAlt, type ImageRef } from './image-ref';
import { CompareImages, CompareSlider } from './viewer/CompareImages';
import { measure, ZoomStage } from './viewer/ZoomStage';
import { FITTED, viewForKey, ZOOM_STEP, zoomBy, type View } from './viewer/zoom-pan';

interface ImageViewerProps {
  image: ImageRef;
  onClose(): void;
  /** When given, arrow keys and the buttons step through a list. */
  onPrevious?: () => void;
  onNext?: () => void;
  /** When given, `f` toggles the favourite. */
  onFavorite?: () => void;
  /** When given, Delete moves the image to the trash. */
  onTrash?: () => void;
}

interface Details {
  contentCredentials: boolean;
  /** The image an edit was made from. */
  parentId?: string;
}

/** Content Credentials and the source of an edit: known for a gallery asset, loaded for a generation's output. */
function useDetails(image: ImageRef): Details {
  const [loaded, setLoaded] = useState<Details & { id: string }>();
  const known = image.kind !== undefined;
  useEffect(() => {
    if (known) return;
    let live = true;
    assetsApi.get(image.id).then(
      (a) => live && setLoaded({ id: a.id, contentCredentials: a.contentCredentials === true, parentId: a.parentId ?? undefined }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [image.id, known]);
  if (known) return { contentCredentials: image.contentCredentials === true, parentId: image.parentId ?? undefined };
  return loaded?.id === image.id ? loaded : { contentCredentials: false };
}

/** A key typed into a field or with a modifier is not a shortcut. */
export function isShortcutKey(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !event.ctrlKey && !event.metaKey && !event.altKey && !target?.closest?.('input, textarea, select, [contenteditable="true"]');
}

/**
 * "Open large": the original image in a modal, fitted to the screen. + − 0, the wheel and double-click zoom; drag
 * or the arrows pan a zoomed image; otherwise ← → step, f favourites, Delete trashes. An edit can be compared
 * with its source under a slider.
 */
export function ImageViewer({ image, onClose, onPrevious, onNext, onFavorite, onTrash }: ImageViewerProps) {
  const t = useT();
  const details = useDetails(image);
  const [view, setView] = useState<View>(FITTED);
  const [comparing, setComparing] = useState(false);
  const [comparePosition, setComparePosition] = useState(50);
  const stageRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  const updateView = useCallback((update: (v: View) => View) => setView(update), []);

  // Another image starts fitted, and without the comparison unless it too has a source.
  useEffect(() => setView(FITTED), [image.id]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcutKey(event)) return;
      const zoomed = viewForKey(viewRef.current, event.key, measure(stageRef.current));
      if (zoomed) {
        event.preventDefault();
        setView(zoomed);
        return;
      }
      const act = { ArrowLeft: onPrevious, ArrowRight: onNext, f: onFavorite, F: onFavorite, Delete: onTrash }[event.key];
      if (!act) return;
      event.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onPrevious, onNext, onFavorite, onTrash]);

  const alt = imageAlt(t, image);
  const source = details.parentId;
  const showCompare = comparing && source !== undefined;
  const zoomButton = (factor: number) => () => setView((v) => zoomBy(v, factor, measure(stageRef.current)));

  return (
    <Dialog title={t('viewer.title')} onClose={onClose} wide>
      <figure className="viewer-figure">
        <ZoomStage view={view} onView={updateView} stageRef={stageRef}>
          {showCompare ? (
            <CompareImages
              before={{ src: assetUrls(source).content, alt: t('viewer.sourceAlt') }}
              after={{ src: image.urls.content, alt, width: image.width, height: image.height }}
              position={comparePosition}
            />
          ) : (
            <img src={image.urls.content} alt={alt} width={image.width} height={image.height} draggable={false} />
          )}
        </ZoomStage>
        <div className="viewer-tools">
          <div className="viewer-zoom" role="group" aria-label={t('viewer.zoom')}>
            <button type="button" className="button icon-button" onClick={zoomButton(1 / ZOOM_STEP)} aria-label={t('viewer.zoomOut')} disabled={view.scale <= 1}>−</button>
            <output className="viewer-scale" aria-live="polite">{Math.round(view.scale * 100)}%</output>
            <button type="button" className="button icon-button" onClick={zoomButton(ZOOM_STEP)} aria-label={t('viewer.zoomIn')}>+</button>
            <button type="button" className="button" onClick={() => setView(FITTED)} disabled={view.scale <= 1}>{t('viewer.fit')}</button>
          </div>
          {source !== undefined && (
            <button type="button" className="button" aria-pressed={comparing} onClick={() => setComparing((c) => !c)}>
              {t('viewer.compare')}
            </button>
          )}
          {showCompare && <CompareSlider position={comparePosition} onChange={setComparePosition} />}
        </div>
        <figcaption className="muted">
          {image.favorite ? '♥ ' : ''}
          {image.prompt ? `${image.prompt} · ` : ''}
          {t('viewer.size', { width: image.width, height: image.height })}
          {details.contentCredentials && <> · <span className="viewer-credentials">{t('viewer.contentCredentials')}</span></>}
        </figcaption>
        {(onPrevious || onNext) && (
          <div className="viewer-nav">
            <button type="button" className="button" onClick={onPrevious} disabled={!onPrevious}>
              ← {t('viewer.previous')}
            </button>
            <button type="button" className="button" onClick={onNext} disabled={!onNext}>
              {t('viewer.next')} →
            </button>
          </div>
        )}
      </figure>
    </Dialog>
  );
}
