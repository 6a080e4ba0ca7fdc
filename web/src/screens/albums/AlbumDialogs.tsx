import { useId, useState, type FormEvent } from 'react';
import { albumsApi } from '../../api/albums';
import type { Album } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';

export function RenameAlbumDialog({ album, onClose, onRenamed }: { album: Album; onClose(): void; onRenamed(album: Album): void }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState(album.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onRenamed(await albumsApi.rename(album.id, name.trim()));
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('albums.renameTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        {error && <p className="alert error" role="alert">{error}</p>}
        <div className="field">
          <label htmlFor={id}>{t('albums.name')}</label>
          <input id={id} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="row">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button primary" disabled={busy || !name.trim()}>{t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteAlbumDialog({ album, onClose, onDeleted }: { album: Album; onClose(): void; onDeleted(): void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await albumsApi.remove(album.id);
      onDeleted();
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('albums.deleteTitle')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void confirm()}>{t('albums.delete')}</button>
        </>
      }
    >
      {error && <p className="alert error" role="alert">{error}</p>}
      <p>{t('albums.deleteConfirm', { name: album.name })}</p>
    </Dialog>
  );
}
