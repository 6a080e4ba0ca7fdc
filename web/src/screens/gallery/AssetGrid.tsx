import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Asset } from '../../api/types';
import { ImageActions } from '../../components/ImageActions';
import { imageAlt } from '../../components/image-ref';
import { ImageTile } from '../../components/ImageTile';
import { useT } from '../../i18n/i18n';
import { moveFocus, type Selection } from './selection';

const MIN_TILE = 170;
const GAP = 12;
const CAPTION = 48;
/** Ask for the next page while this many rows are still below the last one rendered. */
const PREFETCH_ROWS = 4;

interface AssetGridProps {
  items: Asset[];
  selection: Selection;
  /** A click or checkbox on one image; shift extends the range. */
  onSelect(id: string, shift: boolean): void;
  onOpen(index: number): void;
  onNearEnd(): void;
  onChange(asset: Asset): void;
  onDeleted(id: string): void;
  /** Actions the tiles leave out (e.g. none in the trash). */
  label: string;
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The gallery grid: rows of square tiles, virtualised against the window scroll so that only the rows on screen
 * (and a few around) exist in the DOM, whatever the number of images. Rows have a fixed height, so positions
 * are exact and nothing jumps as thumbnails load.
 */
export function AssetGrid({ items, selection, onSelect, onOpen, onNearEnd, onChange, onDeleted, label }: AssetGridProps) {
  const t = useT();
  const listRef = useRef<HTMLDivElement>(null);
  const width = useWidth(listRef);
  const columns = Math.max(2, Math.floor((width + GAP) / (MIN_TILE + GAP)));
  const tile = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_TILE;
  const rowHeight = Math.round(tile + CAPTION + GAP);
  const rows = Math.ceil(items.length / columns);
  const [focusTarget, setFocusTarget] = useState<number | null>(null);

  const virtualizer = useWindowVirtualizer({
    count: rows,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin: listRef.current?.offsetTop ?? 0,
  });

  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (rows === 0 || lastRow >= rows - PREFETCH_ROWS) onNearEnd();
  }, [lastRow, rows, onNearEnd]);

  // After keyboard navigation scrolled a row into view, move focus into it.
  useEffect(() => {
    if (focusTarget === null) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${focusTarget}"] .tile-open`);
    if (el) {
      el.focus();
      setFocusTarget(null);
    }
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('tile-open')) return;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index);
    const item = items[index];
    if (!item) return;
    if (event.key === ' ') {
      event.preventDefault();
      onSelect(item.id, event.shiftKey);
      return;
    }
    const next = moveFocus(index, event.key, columns, items.length);
    if (next === null || next === index) return;
    event.preventDefault();
    virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
    setFocusTarget(next);
  }

  return (
    <div ref={listRef} className="asset-grid" role="list" aria-label={label} onKeyDown={onKeyDown} style={{ height: virtualizer.getTotalSize() }}>
      {virtualRows.map((row) => (
        <div
          key={row.key}
          className="asset-row"
          style={{
            transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
            gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            height: rowHeight - GAP,
          }}
        >
          {items.slice(row.index * columns, row.index * columns + columns).map((asset, i) => {
            const index = row.index * columns + i;
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
                  <ImageActions image={asset} onChange={onChange} onDeleted={onDeleted} menuUp={row.index > 0 && row.index === rows - 1} />
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
