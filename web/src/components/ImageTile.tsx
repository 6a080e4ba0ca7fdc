import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { imageAlt, type ImageRef } from './image-ref';

interface ImageTileProps {
  image: ImageRef;
  /** Width / height of the box; the thumbnail covers it. Defaults to square, so rows line up. */
  ratio?: number;
  /** Decorations laid over the image (a checkbox, a badge). */
  children?: ReactNode;
  className?: string;
}

/** A thumbnail in a box that keeps its size while loading, so nothing jumps when images arrive. */
export function ImageTile({ image, ratio = 1, children, className }: ImageTileProps) {
  const t = useT();
  return (
    <div className={className ? `tile ${className}` : 'tile'} style={{ ['--ratio' as string]: ratio }}>
      <img src={image.urls.thumbnail} alt={imageAlt(t, image)} loading="lazy" decoding="async" width={image.width} height={image.height} draggable={false} />
      {image.checking && <span className="tile-checking" role="status">{t('image.checking')}</span>}
      {children}
    </div>
  );
}
