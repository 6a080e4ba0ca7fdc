import { useEffect, useState } from 'react';
import { assetsApi } from '../api/assets';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { imageAlt, type ImageRef } from './image-ref';

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

type CredentialsState = NonNullable<ImageRef['contentCredentialsState']>;

/** What the image's Content Credentials were found to be (none: undefined): known for a gallery asset, loaded for an output. */
function useContentCredentials(image: ImageRef): CredentialsState | undefined {
  const [loaded, setLoaded] = useState<{ id: string; state?: CredentialsState }>();
  const known = image.kind !== undefined;
  useEffect(() => {
    if (known) return;
    let live = true;
    assetsApi.get(image.id).then((a) => live && setLoaded({ id: a.id, state: credentialsOf(a) }), () => undefined);
    return () => {
      live = false;
    };
  }, [image.id, known]);
  return known ? credentialsOf(image) : loaded?.id === image.id ? loaded.state : undefined;
}

/** Present without a recorded check (stored before checks were made): not verified. */
const credentialsOf = (a: Pick<ImageRef, 'contentCredentials' | 'contentCredentialsState'>): CredentialsState | undefined =>
  a.contentCredentials === true ? a.contentCredentialsState ?? 'unverified' : undefined;

/** A key typed into a field or with a modifier is not a shortcut. */
export function isShortcutKey(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !event.ctrlKey && !event.metaKey && !event.altKey && !target?.closest?.('input, textarea, select, [contenteditable="true"]');
}

/** "Open large": the original image in a modal, fitted to the screen; ← → step, f favourites, Delete trashes. */
export function ImageViewer({ image, onClose, onPrevious, onNext, onFavorite, onTrash }: ImageViewerProps) {
  const t = useT();
  const credentials = useContentCredentials(image);
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
          {credentials && <> · <span className={`viewer-credentials ${credentials}`}>{t(`viewer.contentCredentials.${credentials}`)}</span></>}
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
