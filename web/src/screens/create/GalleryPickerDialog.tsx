import { useEffect, useState } from 'react';
import { assetsApi } from '../../api/assets';
import type { Asset } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';

interface GalleryPickerDialogProps {
  /** How many more images may be chosen. */
  remaining: number;
  alreadyChosen: ReadonlySet<string>;
  onClose(): void;
  onPick(assets: Asset[]): void;
}

/** Picks reference images from the gallery (GET /assets), up to the engine's remaining reference slots. */
export function GalleryPickerDialog({ remaining, alreadyChosen, onClose, onPick }: GalleryPickerDialogProps) {
  const t = useT();
  const [items, setItems] = useState<Asset[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    assetsApi.list({}, null, 48, controller.signal).then(
      (page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
      },
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setError(err);
      },
    );
    return () => controller.abort();
  }, []);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await assetsApi.list({}, cursor, 48);
      setItems((current) => [...(current ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const toggle = (id: string) =>
    setChosen((current) => (current.includes(id) ? current.filter((c) => c !== id) : current.length < remaining ? [...current, id] : current));

  const confirm = () => {
    const byId = new Map((items ?? []).map((a) => [a.id, a]));
    onPick(chosen.map((id) => byId.get(id)!).filter(Boolean));
  };

  return (
    <Dialog
      title={t('create.pickTitle')}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="muted picker-count" aria-live="polite">{t('create.pickCount', { n: chosen.length, max: remaining })}</span>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button primary" disabled={!chosen.length} onClick={confirm}>{t('create.pickConfirm')}</button>
        </>
      }
    >
      {error !== null && <p className="alert error" role="alert">{errorText(t, error)}</p>}
      {items === null && error === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty-state">{t('create.pickEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="picker-grid">
          {items.map((asset) => {
            const taken = alreadyChosen.has(asset.id);
            const selected = chosen.includes(asset.id);
            const full = !selected && chosen.length >= remaining;
            return (
              <li key={asset.id}>
                <label className={`picker-item${selected ? ' selected' : ''}`}>
                  <input type="checkbox" className="visually-hidden" checked={selected || taken} disabled={taken || full} onChange={() => toggle(asset.id)} />
                  <span className="tile" style={{ ['--ratio' as string]: '1' }}>
                    <img src={asset.urls.thumbnail} alt={asset.prompt ?? asset.fileName ?? t('create.referenceAlt')} loading="lazy" />
                  </span>
                  {(selected || taken) && <span className="picker-check" aria-hidden="true">✓</span>}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('create.pickMore')}
        </button>
      )}
    </Dialog>
  );
}
