import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { albumsApi } from '../../api/albums';
import type { Album } from '../../api/types';
import { useKeysetPager } from '../../components/keyset-pager';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { DeleteAlbumDialog, RenameAlbumDialog } from './AlbumDialogs';
import './albums.css';

/** Lists albums (with cover and count), creates, renames and deletes them; a card opens the album. */
export default function AlbumsScreen() {
  const t = useT();
  const id = useId();
  const [version, setVersion] = useState(0);
  const [state, pager] = useKeysetPager<Album>(String(version), (cursor) => albumsApi.list(cursor, 60));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Album | null>(null);
  const [deleting, setDeleting] = useState<Album | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await albumsApi.create(name.trim());
      setName('');
      setVersion((v) => v + 1);
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <section>
      <h1>{t('albums.title')}</h1>
      <form className="row album-create" onSubmit={create}>
        <label htmlFor={id}>{t('albums.create')}</label>
        <input id={id} placeholder={t('albums.name')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button primary" disabled={!name.trim()}>{t('albums.createButton')}</button>
      </form>
      {error && <p className="alert error" role="alert">{error}</p>}
      <div role="status">{notice && <p className="alert success">{notice}</p>}</div>
      {state.initial && <p className="loading" role="status">{t('common.loading')}</p>}
      {state.error != null && <p className="alert error" role="alert">{errorText(t, state.error)}</p>}
      {state.done && state.items.length === 0 && <p className="empty-state">{t('albums.empty')}</p>}
      <ul className="album-grid">
        {state.items.map((album) => (
          <li key={album.id} className="card album-card">
            <Link href={`/albums/${encodeURIComponent(album.id)}`} className="album-cover" aria-label={t('albums.open', { name: album.name })}>
              {album.coverAssetId ? (
                <img src={`/api/v1/assets/${encodeURIComponent(album.coverAssetId)}/thumbnail`} alt="" loading="lazy" />
              ) : (
                <span className="muted">{t('albums.noCover')}</span>
              )}
            </Link>
            <h2 className="album-name">{album.name}</h2>
            <p className="muted">{t('albums.count', { n: album.assetCount })}</p>
            <div className="row">
              <button type="button" className="button" onClick={() => setRenaming(album)}>{t('albums.rename')}</button>
              <button type="button" className="button danger" onClick={() => setDeleting(album)}>{t('albums.delete')}</button>
            </div>
          </li>
        ))}
      </ul>
      {!state.done && !state.initial && (
        <button type="button" className="button" disabled={state.loading} onClick={() => void pager.loadMore()}>{t('albums.loadMore')}</button>
      )}
      {renaming && (
        <RenameAlbumDialog
          album={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={(album) => {
            setRenaming(null);
            pager.update(album.id, () => album);
          }}
        />
      )}
      {deleting && (
        <DeleteAlbumDialog
          album={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            pager.remove([deleting.id]);
            setDeleting(null);
            setNotice(t('albums.deleted'));
          }}
        />
      )}
    </section>
  );
}
