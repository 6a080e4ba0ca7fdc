import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { albumsApi } from '../../api/albums';
import { assetsApi, saveFile, type AssetFilter } from '../../api/assets';
import type { Asset } from '../../api/types';
import { AlbumPicker } from '../../components/AlbumPicker';
import { useCheckingRefresh } from '../../components/use-checking-refresh';
import { useKeysetPager } from '../../components/keyset-pager';
import { useListViewer } from '../../components/viewer/image-list';
import { useUrlFilter, type FilterSpec } from '../../components/url-filter';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { AssetGrid } from './AssetGrid';
import { BulkBar } from './BulkBar';
import { listTotalText, type TotalTexts } from '../../components/list-total';
import { GalleryFilters } from './GalleryFilters';
import { clickSelect, emptySelection, retainOnly, selectAll, selectedInOrder, type Selection } from './selection';
import './gallery.css';

const PAGE_SIZE = 120;
const GALLERY_TOTAL: TotalTexts = { all: 'gallery.countAll', atLeast: 'gallery.countAtLeast', about: 'gallery.countAbout', loaded: 'gallery.count' };

/** The gallery's filters as they appear in the address (?kind=edited&favorite=1&q=fox). */
const FILTER_IN_URL: FilterSpec<Omit<AssetFilter, 'trash'>> = {
  kind: { type: 'choice', values: ['upload', 'generated', 'edited'] },
  album: { type: 'text' },
  tag: { type: 'text' },
  favorite: { type: 'flag' },
  q: { type: 'text' },
};

interface AssetBrowserProps {
  title: ReactNode;
  /** Filters the page always applies (an album's page fixes the album). */
  fixed?: AssetFilter;
  /** Extra controls beside the title. */
  headerExtra?: ReactNode;
}

interface Notice {
  text: string;
  error?: boolean;
}

/** Filters, the virtualised grid with infinite scroll, multi-select with bulk actions, and the large viewer. */
export function AssetBrowser({ title, fixed = {}, headerExtra }: AssetBrowserProps) {
  const t = useT();
  const [filter, setFilter] = useUrlFilter(FILTER_IN_URL);
  const effective = useMemo(() => ({ ...filter, ...fixed }), [filter, fixed]);
  const key = JSON.stringify(effective);
  const [state, pager] = useKeysetPager<Asset>(key, (cursor, signal) => assetsApi.list(effective, cursor, PAGE_SIZE, signal));
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [picker, setPicker] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const order = useMemo(() => state.items.map((a) => a.id), [state.items]);
  useEffect(() => setSelection((s) => retainOnly(s, order)), [order]);

  const onSelect = useCallback((id: string, shift: boolean) => setSelection((s) => clickSelect(s, order, id, shift)), [order]);
  const onNearEnd = useCallback(() => void pager.loadMore(), [pager]);
  const onChange = useCallback(
    (asset: Asset) => {
      if (effective.favorite && !asset.favorite) pager.remove([asset.id]);
      else pager.update(asset.id, () => asset);
    },
    [pager, effective.favorite],
  );
  const onDeleted = useCallback((id: string) => pager.remove([id]), [pager]);
  // Uploads waiting for the image check: refreshed when it ends, gone (with a word why) when it refused them.
  const checking = useMemo(() => state.items.filter((a) => a.checking).map((a) => a.id), [state.items]);
  useCheckingRefresh(checking, (id, asset) => {
    if (asset) pager.update(id, () => asset);
    else {
      pager.remove([id]);
      setNotice({ text: t('image.notAccepted'), error: true });
    }
  });
  // Trashed from the large view: said on the page as the actions menu says it.
  const onViewerDeleted = useCallback((id: string) => {
    pager.remove([id]);
    setNotice({ text: t('actions.deleted') });
  }, [pager, t]);
  const viewer = useListViewer({ items: state.items, loadMore: state.done ? undefined : onNearEnd, onChange, onDeleted: onViewerDeleted });
  const onOpen = useCallback((index: number) => viewer.open(state.items[index]!.id), [viewer.open, state.items]);

  // Ctrl/Cmd+A selects everything loaded, Escape clears (outside text fields and dialogs).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, dialog')) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a' && order.length > 0) {
        event.preventDefault();
        setSelection(selectAll(order));
      } else if (event.key === 'Escape') setSelection(emptySelection);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [order]);

  const selected = selectedInOrder(selection, order);

  async function bulk(task: () => Promise<string | void>) {
    setBusy(true);
    setNotice(null);
    try {
      const text = await task();
      if (text) setNotice({ text });
    } catch (err) {
      setNotice({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const deleteSelected = () =>
    bulk(async () => {
      const result = await assetsApi.bulk('delete', selected);
      pager.remove(selected);
      setSelection(emptySelection);
      return t('gallery.deleted', { n: result.changed });
    });

  const removeFromAlbum = fixed.album
    ? () =>
        bulk(async () => {
          const result = await albumsApi.removeAssets(fixed.album!, selected);
          pager.remove(selected);
          setSelection(emptySelection);
          return t('gallery.removed', { n: result.removed });
        })
    : undefined;

  const zip = () =>
    bulk(async () => {
      setNotice({ text: t('gallery.zipping') });
      const blob = await assetsApi.archive(selected);
      saveFile(blob, `atelier-${new Date().toISOString().slice(0, 10)}.zip`);
    });

  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <section>
      <div className="library-header">
        {title}
        <p className="muted" aria-live="polite">
          {state.initial ? '' : listTotalText(t, state, GALLERY_TOTAL)}
        </p>
        {headerExtra}
      </div>
      <GalleryFilters filter={filter} onChange={setFilter} albumFixed={fixed.album !== undefined} />
      {selected.length > 0 && (
        <BulkBar
          count={selected.length}
          busy={busy}
          onSelectAll={() => setSelection(selectAll(order))}
          onClear={() => setSelection(emptySelection)}
          onAddToAlbum={() => setPicker(true)}
          onZip={() => void zip()}
          onDelete={() => void deleteSelected()}
          onRemoveFromAlbum={removeFromAlbum && (() => void removeFromAlbum())}
        />
      )}
      <div role="status" aria-live="polite">
        {notice && <p className={notice.error ? 'alert error' : 'alert success'}>{notice.text}</p>}
      </div>
      <p className="visually-hidden">{t('gallery.keyboardHint')}</p>
      {state.initial && state.loading && <p className="loading" role="status">{t('common.loading')}</p>}
      {!state.loading && state.done && state.items.length === 0 && (
        <p className="empty-state">{t(filtered ? 'gallery.emptyFiltered' : 'gallery.empty')}</p>
      )}
      {viewer.provide(
        <AssetGrid
          items={state.items}
          selection={selection}
          onSelect={onSelect}
          onOpen={onOpen}
          onNearEnd={onNearEnd}
          onChange={onChange}
          onDeleted={onDeleted}
          label={t('gallery.grid')}
        />,
      )}
      <div className="grid-footer">
        {state.error != null && (
          <div className="alert error" role="alert">
            {t('gallery.loadFailed')} {errorText(t, state.error)}{' '}
            <button type="button" className="button" onClick={() => void pager.loadMore()}>{t('common.retry')}</button>
          </div>
        )}
        {!state.initial && state.loading && <p className="muted" role="status">{t('gallery.loadingMore')}</p>}
      </div>
      {viewer.view}
      {picker && (
        <AlbumPicker
          assetIds={selected}
          onClose={() => setPicker(false)}
          onAdded={(album, added) => {
            setPicker(false);
            setNotice({ text: t('albumPicker.added', { n: added, name: album.name }) });
          }}
        />
      )}
    </section>
  );
}
