import { useT } from '../../i18n/i18n';

interface BulkBarProps {
  count: number;
  busy: boolean;
  onSelectAll(): void;
  onClear(): void;
  onAddToAlbum(): void;
  onZip(): void;
  onDelete(): void;
  onRemoveFromAlbum?: () => void;
}

/** Shown while images are selected: what can be done to all of them at once. */
export function BulkBar({ count, busy, onSelectAll, onClear, onAddToAlbum, onZip, onDelete, onRemoveFromAlbum }: BulkBarProps) {
  const t = useT();
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('gallery.bulkActions')}>
      <span className="bulk-count" aria-live="polite">{t('gallery.selected', { n: count })}</span>
      <button type="button" className="button" onClick={onSelectAll}>{t('gallery.selectAll')}</button>
      <button type="button" className="button" onClick={onClear}>{t('gallery.clearSelection')}</button>
      <button type="button" className="button" disabled={busy} onClick={onAddToAlbum}>{t('gallery.bulkAlbum')}</button>
      {onRemoveFromAlbum && <button type="button" className="button" disabled={busy} onClick={onRemoveFromAlbum}>{t('gallery.bulkRemoveFromAlbum')}</button>}
      <button type="button" className="button" disabled={busy} onClick={onZip}>{t('gallery.bulkZip')}</button>
      <button type="button" className="button danger" disabled={busy} onClick={onDelete}>{t('gallery.bulkDelete')}</button>
    </div>
  );
}
