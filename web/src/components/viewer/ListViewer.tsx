import { useEffect, useMemo, useRef, useState } from 'react';
import { assetsApi } from '../../api/assets';
import type { Asset } from '../../api/types';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { ImageViewer } from '../ImageViewer';
import type { ImageList } from './image-list';

/**
 * The large view over a list: ← → step through it (→ at the end of what is loaded loads the next page and steps on),
 * `f` toggles the favourite and Delete moves the image to the trash, as the actions menu does (the trash can be
 * restored, so neither asks first); the next image then takes its place. Works the same whichever way it was opened.
 */
export function ListViewer({ list, startId, onClose }: { list: ImageList; startId: string; onClose(): void }) {
  const t = useT();
  const [currentId, setCurrentId] = useState(startId);
  const [trashed, setTrashed] = useState<ReadonlySet<string>>(new Set());
  const [changed, setChanged] = useState<ReadonlyMap<string, Asset>>(new Map());
  const [wantsNext, setWantsNext] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const busy = useRef(false);
  const lastIndex = useRef(0);

  const items = useMemo(
    () => list.items.filter((i) => !trashed.has(i.id)).map((i) => ({ ...i, ...changed.get(i.id) })),
    [list.items, trashed, changed],
  );
  const found = items.findIndex((i) => i.id === currentId);
  // The list dropped the image (unfavourited in a favourites filter): the one that took its place.
  const index = found >= 0 ? found : Math.min(lastIndex.current, items.length - 1);
  lastIndex.current = Math.max(index, 0);
  const current = index >= 0 ? items[index] : undefined;

  useEffect(() => {
    if (!current) onClose();
  }, [current, onClose]);

  // A page asked for by → arrived: step onto its first image.
  useEffect(() => {
    if (!wantsNext || index < 0 || index >= items.length - 1) return;
    setWantsNext(false);
    setCurrentId(items[index + 1]!.id);
  }, [wantsNext, items, index]);

  if (!current) return null;

  async function act(task: () => Promise<void>) {
    if (busy.current) return;
    busy.current = true;
    setError(undefined);
    try {
      await task();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      busy.current = false;
    }
  }

  const keep = (updated: Asset) => {
    setChanged((m) => new Map(m).set(updated.id, updated));
    list.onChange?.(updated);
  };
  const id = current.id;
  const hasNext = index < items.length - 1;
  const next = hasNext ? () => setCurrentId(items[index + 1]!.id) : list.loadMore && (() => { setWantsNext(true); list.loadMore!(); });

  return (
    <ImageViewer
      image={current}
      notice={error}
      onClose={onClose}
      onChange={keep}
      onPrevious={index > 0 ? () => setCurrentId(items[index - 1]!.id) : undefined}
      onNext={next}
      onFavorite={() => void act(async () => {
        const favorite = current.favorite ?? (await assetsApi.get(id)).favorite;
        keep(await assetsApi.setFavorite(id, !favorite));
      })}
      onTrash={() => void act(async () => {
        await assetsApi.trash(id);
        const after = items[index + 1] ?? items[index - 1];
        setTrashed((s) => new Set(s).add(id));
        list.onDeleted?.(id);
        if (after) setCurrentId(after.id);
      })}
    />
  );
}
