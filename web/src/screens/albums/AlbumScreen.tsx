import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { albumsApi } from '../../api/albums';
import { ApiError } from '../../api/client';
import type { Album } from '../../api/types';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { ShareButton } from '../../components/share/ShareButton';
import { TrainingMarkToggle } from '../../components/TrainingMarkToggle';
import { AssetBrowser } from '../gallery/AssetBrowser';
import { DeleteAlbumDialog, RenameAlbumDialog } from './AlbumDialogs';
import './albums.css';

/** One album: the gallery filtered by it, with rename, delete and "remove from album" for selected images. */
export default function AlbumScreen({ params }: { params: { id: string } }) {
  const t = useT();
  const [, navigate] = useLocation();
  const [album, setAlbum] = useState<Album | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const fixed = useMemo(() => ({ album: params.id }), [params.id]);

  useEffect(() => {
    setAlbum(null);
    setError(null);
    albumsApi.get(params.id).then(setAlbum, setError);
  }, [params.id]);

  if (error) {
    return (
      <section className="empty-state">
        <p role="alert">{error instanceof ApiError && error.status === 404 ? t('albums.notFound') : errorText(t, error)}</p>
        <Link href="/albums">{t('albums.back')}</Link>
      </section>
    );
  }
  if (!album) return <p className="loading" role="status">{t('common.loading')}</p>;

  return (
    <>
      <nav className="breadcrumb" aria-label={t('albums.title')}>
        <Link href="/albums">← {t('albums.back')}</Link>
      </nav>
      <AssetBrowser
        title={<h1>{album.name}</h1>}
        fixed={fixed}
        headerExtra={
          <div className="row">
            <ShareButton target={{ albumId: album.id }} />
            <button type="button" className="button" onClick={() => setDialog('rename')}>{t('albums.rename')}</button>
            <button type="button" className="button danger" onClick={() => setDialog('delete')}>{t('albums.delete')}</button>
          </div>
        }
      />
      <TrainingMarkToggle checked={album.neverUseForTraining} hint="trainingMark.albumHint"
        onToggle={async (next) => setAlbum(await albumsApi.setNeverTrain(album.id, next))} />
      {dialog === 'rename' && (
        <RenameAlbumDialog album={album} onClose={() => setDialog(null)} onRenamed={(a) => { setAlbum(a); setDialog(null); }} />
      )}
      {dialog === 'delete' && <DeleteAlbumDialog album={album} onClose={() => setDialog(null)} onDeleted={() => navigate('/albums')} />}
    </>
  );
}
