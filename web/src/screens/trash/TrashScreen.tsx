import { useMemo, useState } from 'react';
import { assetsApi } from '../../api/assets';
import { Dialog } from '../../components/Dialog';
import type { Asset } from '../../api/types';
import { imageAlt } from '../../components/image-ref';
import { ImageTile } from '../../components/ImageTile';
import { useKeysetPager } from '../../components/keyset-pager';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import './trash.css';

const PAGE_SIZE = 60;

/** Trashed images with the date each will be purged; restore or delete for good one or a selection. */
export default function TrashScreen() {
  const { t, locale } = useI18n();
  const [state, pager] = useKeysetPager<Asset>('trash', (cursor, signal) => assetsApi.list({ trash: true }, cursor, PAGE_SIZE, signal));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium' }), [locale]);

  /** Images asked to be deleted for good, waiting for the confirmation. */
  const [purging, setPurging] = useState<string[] | null>(null);
  /** "Empty trash" asked, waiting for the confirmation. */
  const [emptying, setEmptying] = useState(false);

  async function apply(action: 'restore' | 'purge', ids: string[]) {
    setBusy(true);
    setNotice(null);
    try {
      const result = await assetsApi.bulk(action, ids);
      pager.remove(ids);
      setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
      setNotice({ text: t(action === 'restore' ? 'trash.restored' : 'trash.purged', { n: result.changed }) });
    } catch (err) {
      setNotice({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const restore = (ids: string[]) => apply('restore', ids);

  async function emptyAll() {
    setEmptying(false);
    setBusy(true);
    setNotice(null);
    try {
      const result = await assetsApi.emptyTrash();
      pager.remove(state.items.map((a) => a.id));
      setSelected(new Set());
      setNotice({ text: t(result.queued ? 'trash.emptyQueued' : 'trash.purged', { n: result.purged }) });
    } catch (err) {
      setNotice({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  }

  function toggle(id: string) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <section>
      <h1>{t('trash.title')}</h1>
      <p className="alert info">{t('trash.note')}</p>
      {state.items.length > 0 && (
        <div className="row trash-empty-all">
          <button type="button" className="button danger" disabled={busy} onClick={() => setEmptying(true)}>{t('trash.emptyAll')}</button>
        </div>
      )}
      {emptying && (
        <Dialog
          title={t('trash.emptyTitle')}
          onClose={() => setEmptying(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setEmptying(false)}>{t('common.cancel')}</button>
              <button type="button" className="button danger" disabled={busy} onClick={() => void emptyAll()}>{t('trash.emptyAll')}</button>
            </>
          }
        >
          <p>{t('trash.emptyConfirm')}</p>
        </Dialog>
      )}
      <div role="status">{notice && <p className={notice.error ? 'alert error' : 'alert success'}>{notice.text}</p>}</div>
      {selected.size > 0 && (
        <div className="row trash-bulk">
          <button type="button" className="button primary" disabled={busy} onClick={() => void restore([...selected])}>
            {t('trash.restoreSelected', { n: selected.size })}
          </button>
          <button type="button" className="button danger" disabled={busy} onClick={() => setPurging([...selected])}>
            {t('trash.purgeSelected', { n: selected.size })}
          </button>
        </div>
      )}
      {purging && (
        <Dialog
          title={t('trash.purgeTitle')}
          onClose={() => setPurging(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setPurging(null)}>{t('common.cancel')}</button>
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => {
                  const ids = purging;
                  setPurging(null);
                  void apply('purge', ids);
                }}
              >
                {t('trash.purge')}
              </button>
            </>
          }
        >
          <p>{t('trash.purgeConfirm', { n: purging.length })}</p>
        </Dialog>
      )}
      {state.initial && <p className="loading" role="status">{t('common.loading')}</p>}
      {state.error != null && (
        <p className="alert error" role="alert">
          {errorText(t, state.error)} <button type="button" className="button" onClick={() => void pager.loadMore()}>{t('common.retry')}</button>
        </p>
      )}
      {state.done && state.items.length === 0 && <p className="empty-state">{t('trash.empty')}</p>}
      <ul className="trash-grid">
        {state.items.map((asset) => {
          const name = imageAlt(t, asset);
          return (
            <li key={asset.id} className="card trash-card">
              <ImageTile image={asset}>
                <input type="checkbox" className="tile-check" checked={selected.has(asset.id)} aria-label={t('trash.select', { name })} onChange={() => toggle(asset.id)} />
              </ImageTile>
              {asset.deletedAt && <p className="muted small">{t('trash.deletedOn', { date: dateFormat.format(new Date(asset.deletedAt)) })}</p>}
              {asset.purgeAt && <p className="small">{t('trash.purgeOn', { date: dateFormat.format(new Date(asset.purgeAt)) })}</p>}
              <div className="row trash-actions">
                <button type="button" className="button" disabled={busy} onClick={() => void restore([asset.id])} aria-label={`${t('trash.restore')}: ${name}`}>
                  {t('trash.restore')}
                </button>
                <button type="button" className="button danger" disabled={busy} onClick={() => setPurging([asset.id])} aria-label={`${t('trash.purge')}: ${name}`}>
                  {t('trash.purge')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {!state.done && !state.initial && (
        <button type="button" className="button" disabled={state.loading} onClick={() => void pager.loadMore()}>{t('trash.loadMore')}</button>
      )}
    </section>
  );
}
