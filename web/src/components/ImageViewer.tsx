import { useCallback, useEffect, useRef, useState } from 'react';
import { assetsApi } from '../api/assets';
import { assetUrls } from '../api/generations';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';
import type { Asset } from '../api/types';
import { imageAlt, type ImageRef } from './image-ref';
import { TrainingMarkToggle } from './TrainingMarkToggle';
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
  /** The image after a change made here ("Never use for training"), for the list it came from. */
  onChange?: (image: Asset) => void;
  /** What went wrong with the last action (favourite, trash). */
  notice?: string;
}

type Details = Pick<Asset, 'id' | 'contentCredentials' | 'contentCredentialsState' | 'neverUseForTraining' | 'inNeverTrainAlbum' | 'parentId'>;
type CredentialsState = NonNullable<ImageRef['contentCredentialsState']>;

/**
 * The details the viewer shows: what the caller knows at once, then the image as the server answers it alone (an
 * output carries only its size; a list's item not whether one of its albums keeps it out of training).
 * `setDetails` keeps what the server answered to a change made here.
 */
function useDetails(image: ImageRef): [Partial<Details>, (d: Details) => void] {
  const [loaded, setLoaded] = useState<Details>();
  useEffect(() => {
    let live = true;
    assetsApi.get(image.id).then((a) => live && setLoaded(a), () => undefined);
    return () => {
      live = false;
    };
  }, [image.id]);
  return [loaded?.id === image.id ? loaded : image, setLoaded];
}

/** Present without a recorded check (stored before checks were made): not verified. */
const credentialsOf = (a: Pick<ImageRef, 'contentCredentials' | 'contentCredentialsState'>): CredentialsState | undefined =>
  a.contentCredentials === true ? a.contentCredentialsState ?? 'unverified' : undefined;

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
export function ImageViewer({ image, onClose, onPrevious, onNext, onFavorite, onTrash, onChange, notice }: ImageViewerProps) {
  const t = useT();
  const [details, setDetails] = useDetails(image);
  const credentials = credentialsOf(details);
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
  const source = details.parentId ?? undefined;
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
          {credentials && <> · <span className={`viewer-credentials ${credentials}`}>{t(`viewer.contentCredentials.${credentials}`)}</span></>}
        </figcaption>
        {image.checking && <p className="viewer-checking" role="status">{t('image.checking')} {t('image.checkingHint')}</p>}
        {!image.deletedAt && (
          <TrainingMarkToggle checked={details.neverUseForTraining} hint="trainingMark.imageHint"
            onToggle={async (next) => {
              const updated = await assetsApi.setNeverTrain(image.id, next);
              setDetails(updated);
              onChange?.(updated);
            }} />
        )}
        {details.inNeverTrainAlbum && <p className="muted small">{t('trainingMark.inMarkedAlbum')}</p>}
        {notice && <p className="alert error" role="alert">{notice}</p>}
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
