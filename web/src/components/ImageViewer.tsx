import { useEffect } from 'react';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { imageAlt, type ImageRef } from './image-ref';

interface ImageViewerProps {
  image: ImageRef;
  onClose(): void;
  /** When given, arrow keys and the buttons step through a list. */
  onPrevious?: () => void;
  onNext?: () => void;
}

/** "Open large": the original image in a modal, fitted to the screen. */
export function ImageViewer({ image, onClose, onPrevious, onNext }: ImageViewerProps) {
  const t = useT();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft' && onPrevious) onPrevious();
      if (event.key === 'ArrowRight' && onNext) onNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onPrevious, onNext]);

  return (
    <Dialog title={t('viewer.title')} onClose={onClose} wide>
      <figure className="viewer-figure">
        <img src={image.urls.content} alt={imageAlt(t, image)} width={image.width} height={image.height} />
        <figcaption className="muted">
          {image.prompt ? `${image.prompt} · ` : ''}
          {t('viewer.size', { width: image.width, height: image.height })}
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
