import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Asset } from '../../api/types';
import { AssetRow } from './AssetRow';
import { moveFocus, type Selection } from './selection';

const MIN_TILE = 240;
const GAP = 16;
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
 * Where the element starts on the page, kept current as what is above it changes (filters wrapping, the bulk bar
 * appearing). Measured when its parent resizes, never during a scroll frame: reading offsetTop on every render
 * forced a layout per frame, the largest script cost of a long scroll.
 */
function useOffsetTop(ref: React.RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    const measure = () => setTop(el.offsetTop);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(parent);
    return () => observer.disconnect();
  }, [ref]);
  return top;
}

/**
 * The gallery grid: rows of square tiles, virtualised against the window scroll so that only the rows on screen
 * (and a few around) exist in the DOM, whatever the number of images. Rows have a fixed height, so positions
 * are exact and nothing jumps as thumbnails load.
 */
export function AssetGrid({ items, selection, onSelect, onOpen, onNearEnd, onChange, onDeleted, label }: AssetGridProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const width = useWidth(listRef);
  const columns = Math.max(2, Math.floor((width + GAP) / (MIN_TILE + GAP)));
  const tile = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_TILE;
  const rowHeight = Math.round(tile + CAPTION + GAP);
  const rows = Math.ceil(items.length / columns);
  const [focusTarget, setFocusTarget] = useState<number | null>(null);
  const scrollMargin = useOffsetTop(listRef);

  const virtualizer = useWindowVirtualizer({
    count: rows,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin,
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
        <AssetRow
          key={row.key}
          items={items}
          rowIndex={row.index}
          columns={columns}
          top={row.start - virtualizer.options.scrollMargin}
          height={rowHeight - GAP}
          last={row.index === rows - 1}
          selection={selection}
          onSelect={onSelect}
          onOpen={onOpen}
          onChange={onChange}
          onDeleted={onDeleted}
        />
      ))}
    </div>
  );
}
