import { useEffect, useState } from 'react';
import { albumsApi } from '../../api/albums';
import { assetsApi, type AssetFilter } from '../../api/assets';
import type { Album, GalleryKind } from '../../api/types';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { useT } from '../../i18n/i18n';

interface GalleryFiltersProps {
  filter: AssetFilter;
  onChange(filter: AssetFilter): void;
  /** An album's page fixes the album: its picker is hidden. */
  albumFixed?: boolean;
}

/** Kind, album, tag, favourites and a debounced text search. */
export function GalleryFilters({ filter, onChange, albumFixed }: GalleryFiltersProps) {
  const t = useT();
  const [albums, setAlbums] = useState<Album[]>([]);
  const [tags, setTags] = useState<string[]>([]);

  useEffect(() => {
    if (!albumFixed) albumsApi.list(null, 200).then((p) => setAlbums(p.items), () => setAlbums([]));
    assetsApi.tags().then((r) => setTags(r.items.map((i) => i.tag)), () => setTags([]));
  }, [albumFixed]);

  const kinds: Array<{ value: GalleryKind; label: string }> = [
    { value: 'upload', label: t('gallery.kindUpload') },
    { value: 'generated', label: t('gallery.kindGenerated') },
    { value: 'edited', label: t('gallery.kindEdited') },
  ];

  return (
    <FilterBar filter={filter} onChange={onChange} label={t('gallery.filters')} searchLabel={t('gallery.search')}>
      <FilterSelect label={t('gallery.kind')} value={filter.kind} allLabel={t('gallery.kindAll')} options={kinds}
        onChange={(kind) => onChange({ ...filter, kind: kind as GalleryKind | undefined })} />
      {!albumFixed && (
        <FilterSelect label={t('gallery.album')} value={filter.album} allLabel={t('gallery.albumAll')}
          options={albums.map((a) => ({ value: a.id, label: a.name }))} onChange={(album) => onChange({ ...filter, album })} />
      )}
      <FilterSelect label={t('gallery.tag')} value={filter.tag} allLabel={t('gallery.tagAll')}
        options={tags.map((tag) => ({ value: tag, label: tag }))} onChange={(tag) => onChange({ ...filter, tag })} />
      <label className="check">
        <input type="checkbox" checked={filter.favorite === true} onChange={(e) => onChange({ ...filter, favorite: e.target.checked || undefined })} />
        {t('gallery.favorites')}
      </label>
    </FilterBar>
  );
}
