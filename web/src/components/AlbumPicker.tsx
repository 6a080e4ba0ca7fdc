import { useEffect, useId, useState, type FormEvent } from 'react';
import { albumsApi } from '../api/albums';
import type { Album } from '../api/types';
import { errorText } from '../i18n/error-text';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';

interface AlbumPickerProps {
  assetIds: string[];
  onClose(): void;
  /** Called after the images were added. */
  onAdded(album: Album, added: number): void;
}

/** Chooses an album (or creates one) and adds the given images to it. */
export function AlbumPicker({ assetIds, onClose, onAdded }: AlbumPickerProps) {
  const t = useT();
  const groupId = useId();
  const [albums, setAlbums] = useState<Album[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    albumsApi.list().then(
      (page) => {
        if (!live) return;
        setAlbums(page.items);
        if (page.items[0]) setChosen(page.items[0].id);
      },
      (err) => live && setError(errorText(t, err)),
    );
    return () => {
      live = false;
    };
  }, [t]);

  async function add(albumId: string) {
    setBusy(true);
    setError(null);
    try {
      const result = await albumsApi.addAssets(albumId, assetIds);
      onAdded(result.album, result.added);
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  async function createAndAdd(event: FormEvent) {
    event.preventDefault();
    if (!newName.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const album = await albumsApi.create(newName.trim());
      await add(album.id);
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('albumPicker.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button primary" disabled={!chosen || busy} onClick={() => void add(chosen)}>
            {t('albumPicker.add')}
          </button>
        </>
      }
    >
      <p className="muted">{t('albumPicker.countHint', { n: assetIds.length })}</p>
      {error && <p className="alert error" role="alert">{error}</p>}
      {albums === null && !error && <p className="muted" role="status">{t('common.loading')}</p>}
      {albums?.length === 0 && <p className="muted">{t('albumPicker.none')}</p>}
      {albums && albums.length > 0 && (
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">{t('albumPicker.choose')}</legend>
          <ul className="album-options">
            {albums.map((album) => (
              <li key={album.id}>
                <label>
                  <input type="radio" name={groupId} value={album.id} checked={chosen === album.id} onChange={() => setChosen(album.id)} />
                  {album.name} <span className="muted">({album.assetCount})</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <form className="row" onSubmit={createAndAdd}>
        <label className="visually-hidden" htmlFor={`${groupId}-new`}>{t('albumPicker.newName')}</label>
        <input id={`${groupId}-new`} placeholder={t('albumPicker.newName')} value={newName} maxLength={100} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit" className="button" disabled={busy || !newName.trim()}>{t('albumPicker.create')}</button>
      </form>
    </Dialog>
  );
}
