import { useEffect, useId, useState } from 'react';
import { albumsApi } from '../../api/albums';
import { assetsApi, type AssetFilter } from '../../api/assets';
import type { Album, AssetKind } from '../../api/types';
import { useT } from '../../i18n/i18n';

interface GalleryFiltersProps {
  filter: AssetFilter;
  onChange(filter: AssetFilter): void;
  /** An album's page fixes the album: its picker is hidden. */
  albumFixed?: boolean;
}

const SEARCH_DELAY_MS = 300;

/** Kind, album, tag, favourites and a debounced text search. */
export function GalleryFilters({ filter, onChange, albumFixed }: GalleryFiltersProps) {
  const t = useT();
  const id = useId();
  const [albums, setAlbums] = useState<Album[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [query, setQuery] = useState(filter.q ?? '');

  useEffect(() => {
    if (!albumFixed) albumsApi.list(null, 200).then((p) => setAlbums(p.items), () => setAlbums([]));
    assetsApi.tags().then((r) => setTags(r.items.map((i) => i.tag)), () => setTags([]));
  }, [albumFixed]);

  useEffect(() => {
    if ((filter.q ?? '') === query.trim()) return;
    const timer = setTimeout(() => onChange({ ...filter, q: query.trim() || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter, onChange]);

  return (
    <form className="filters" role="search" aria-label={t('gallery.filters')} onSubmit={(e) => { e.preventDefault(); onChange({ ...filter, q: query.trim() || undefined }); }}>
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>{t('gallery.search')}</label>
        <input id={`${id}-q`} type="search" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('gallery.kind')}</label>
        <select id={`${id}-kind`} value={filter.kind ?? ''} onChange={(e) => onChange({ ...filter, kind: (e.target.value || undefined) as AssetKind | undefined })}>
          <option value="">{t('gallery.kindAll')}</option>
          <option value="upload">{t('gallery.kindUpload')}</option>
          <option value="generated">{t('gallery.kindGenerated')}</option>
          <option value="edited">{t('gallery.kindEdited')}</option>
        </select>
      </div>
      {!albumFixed && (
        <div className="field">
          <label htmlFor={`${id}-album`}>{t('gallery.album')}</label>
          <select id={`${id}-album`} value={filter.album ?? ''} onChange={(e) => onChange({ ...filter, album: e.target.value || undefined })}>
            <option value="">{t('gallery.albumAll')}</option>
            {albums.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-tag`}>{t('gallery.tag')}</label>
        <select id={`${id}-tag`} value={filter.tag ?? ''} onChange={(e) => onChange({ ...filter, tag: e.target.value || undefined })}>
          <option value="">{t('gallery.tagAll')}</option>
          {tags.map((tag) => <option key={tag} value={tag}>{tag}</option>)}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={filter.favorite === true} onChange={(e) => onChange({ ...filter, favorite: e.target.checked || undefined })} />
        {t('gallery.favorites')}
      </label>
    </form>
  );
}
