import { memo } from 'react';
import type { Asset } from '../../api/types';
import { ImageActions } from '../../components/ImageActions';
import { imageAlt } from '../../components/image-ref';
import { ImageTile } from '../../components/ImageTile';
import { useT } from '../../i18n/i18n';
import type { Selection } from './selection';

export interface AssetRowProps {
  /** All loaded items; the row shows items[rowIndex * columns …] (passing the whole array keeps props stable). */
  items: Asset[];
  rowIndex: number;
  columns: number;
  /** Offset of the row from the top of the grid, in pixels. */
  top: number;
  height: number;
  /** The row is the last one: its action menus open upwards. */
  last: boolean;
  selection: Selection;
  onSelect(id: string, shift: boolean): void;
  onOpen(index: number): void;
  onChange(asset: Asset): void;
  onDeleted(id: string): void;
}

/**
 * One row of the gallery grid. Memoised: while the page scrolls, the virtualiser re-renders the grid on every
 * frame, and rows already on screen keep their props, so only the rows that come into view do any work.
 */
export const AssetRow = memo(function AssetRow({ items, rowIndex, columns, top, height, last, selection, onSelect, onOpen, onChange, onDeleted }: AssetRowProps) {
  const t = useT();
  const first = rowIndex * columns;
  return (
    <div className="asset-row" style={{ transform: `translateY(${top}px)`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, height }}>
      {items.slice(first, first + columns).map((asset, i) => {
        const index = first + i;
        const selected = selection.ids.has(asset.id);
        const name = imageAlt(t, asset);
        return (
          <div key={asset.id} role="listitem" className={selected ? 'asset-cell selected' : 'asset-cell'} data-index={index} aria-posinset={index + 1} aria-setsize={items.length}>
            <ImageTile image={asset}>
              <button
                type="button"
                className="tile-open"
                aria-label={t('gallery.open', { name })}
                onClick={(e) => {
                  if (selection.ids.size > 0 || e.shiftKey || e.metaKey || e.ctrlKey) onSelect(asset.id, e.shiftKey);
                  else onOpen(index);
                }}
              />
              <input
                type="checkbox"
                className="tile-check"
                checked={selected}
                aria-label={t('selection.select', { name })}
                onChange={(e) => onSelect(asset.id, 'shiftKey' in e.nativeEvent && (e.nativeEvent as MouseEvent).shiftKey)}
              />
              {asset.favorite && <span className="tile-badge" title={t('gallery.favoriteBadge')}>♥<span className="visually-hidden">{t('gallery.favoriteBadge')}</span></span>}
            </ImageTile>
            <div className="asset-caption">
              <span className="asset-kind muted">{t(asset.kind === 'upload' ? 'gallery.kindUpload' : asset.kind === 'edited' ? 'gallery.kindEdited' : 'gallery.kindGenerated')}</span>
              <ImageActions image={asset} onChange={onChange} onDeleted={onDeleted} menuUp={rowIndex > 0 && last} />
            </div>
          </div>
        );
      })}
    </div>
  );
});
