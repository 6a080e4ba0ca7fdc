import { useEffect, useState } from 'react';
import { assetsApi } from '../api/assets';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';
import type { Asset } from '../api/types';
import { imageAlt, type ImageRef } from './image-ref';
import { TrainingMarkToggle } from './TrainingMarkToggle';

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
}

type Details = Pick<Asset, 'id' | 'contentCredentials' | 'neverUseForTraining' | 'inNeverTrainAlbum'>;

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

/** A key typed into a field or with a modifier is not a shortcut. */
export function isShortcutKey(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !event.ctrlKey && !event.metaKey && !event.altKey && !target?.closest?.('input, textarea, select, [contenteditable="true"]');
}

/** "Open large": the original image in a modal, fitted to the screen; ← → step, f favourites, Delete trashes. */
export function ImageViewer({ image, onClose, onPrevious, onNext, onFavorite, onTrash, onChange }: ImageViewerProps) {
  const t = useT();
  const [details, setDetails] = useDetails(image);
  const credentials = details.contentCredentials === true;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcutKey(event)) return;
      const act = { ArrowLeft: onPrevious, ArrowRight: onNext, f: onFavorite, F: onFavorite, Delete: onTrash }[event.key];
      if (!act) return;
      event.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onPrevious, onNext, onFavorite, onTrash]);

  return (
    <Dialog title={t('viewer.title')} onClose={onClose} wide>
      <figure className="viewer-figure">
        <img src={image.urls.content} alt={imageAlt(t, image)} width={image.width} height={image.height} />
        <figcaption className="muted">
          {image.favorite ? '♥ ' : ''}
          {image.prompt ? `${image.prompt} · ` : ''}
          {t('viewer.size', { width: image.width, height: image.height })}
          {credentials && <> · <span className="viewer-credentials">{t('viewer.contentCredentials')}</span></>}
        </figcaption>
        {!image.deletedAt && (
          <TrainingMarkToggle checked={details.neverUseForTraining} hint="trainingMark.imageHint"
            onToggle={async (next) => {
              const updated = await assetsApi.setNeverTrain(image.id, next);
              setDetails(updated);
              onChange?.(updated);
            }} />
        )}
        {details.inNeverTrainAlbum && <p className="muted small">{t('trainingMark.inMarkedAlbum')}</p>}
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
