import { useCallback, useEffect, useReducer, useRef } from 'react';
import { uploadAsset } from '../../api/uploads';
import type { Asset } from '../../api/types';

/**
 * The queue of reference images being uploaded: one row per file with its progress, or the reason it failed.
 * Rows that finished successfully leave the queue (the image then shows as a reference thumbnail).
 */

export type UploadRejection = 'not_image' | 'over_limit';

export interface UploadItem {
  key: string;
  name: string;
  loaded: number;
  total: number;
  status: 'uploading' | 'failed';
  /** Why it failed: a rejection decided here, or the error the server answered. */
  rejection?: UploadRejection;
  error?: unknown;
}

export type UploadAction =
  | { type: 'start'; key: string; name: string; total: number }
  | { type: 'reject'; key: string; name: string; reason: UploadRejection }
  | { type: 'progress'; key: string; loaded: number; total: number }
  | { type: 'done'; key: string }
  | { type: 'fail'; key: string; error: unknown }
  | { type: 'dismiss'; key: string };

export function uploadQueueReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  switch (action.type) {
    case 'start':
      return [...items, { key: action.key, name: action.name, loaded: 0, total: action.total, status: 'uploading' }];
    case 'reject':
      return [...items, { key: action.key, name: action.name, loaded: 0, total: 0, status: 'failed', rejection: action.reason }];
    case 'progress':
      return items.map((i) => (i.key === action.key && i.status === 'uploading' ? { ...i, loaded: action.loaded, total: action.total || i.total } : i));
    case 'done':
    case 'dismiss':
      return items.filter((i) => i.key !== action.key);
    case 'fail':
      return items.map((i) => (i.key === action.key ? { ...i, status: 'failed', error: action.error } : i));
    default:
      return items;
  }
}

export const uploadPercent = (item: UploadItem) => (item.total > 0 ? Math.min(100, Math.round((item.loaded / item.total) * 100)) : 0);

export const isImageFile = (file: File) => file.type.startsWith('image/');

export type Uploader = (file: File, onProgress: (loaded: number, total: number) => void, signal: AbortSignal) => Promise<Asset>;

const defaultUploader: Uploader = (file, onProgress, signal) => uploadAsset(file, file.name, onProgress, signal);

let counter = 0;

/**
 * Uploads files as references. `freeSlots()` says how many more references the engine takes (counting those
 * already uploading); files past it, and files that are not images, are rejected with a reason at once.
 */
export function useUploadQueue(opts: { freeSlots: () => number; onUploaded: (asset: Asset, file: File) => void; uploader?: Uploader }) {
  const [items, dispatch] = useReducer(uploadQueueReducer, []);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const controllers = useRef(new Set<AbortController>());

  useEffect(() => {
    const live = controllers.current;
    return () => {
      for (const c of live) c.abort();
    };
  }, []);

  const uploadingCount = items.filter((i) => i.status === 'uploading').length;
  const uploadingRef = useRef(0);
  uploadingRef.current = uploadingCount;

  const enqueue = useCallback((files: Iterable<File>) => {
    const { freeSlots, uploader = defaultUploader } = optsRef.current;
    let free = freeSlots() - uploadingRef.current;
    for (const file of files) {
      const key = `u${++counter}`;
      const name = file.name || 'image';
      if (!isImageFile(file)) {
        dispatch({ type: 'reject', key, name, reason: 'not_image' });
        continue;
      }
      if (free <= 0) {
        dispatch({ type: 'reject', key, name, reason: 'over_limit' });
        continue;
      }
      free--;
      uploadingRef.current++;
      dispatch({ type: 'start', key, name, total: file.size });
      const controller = new AbortController();
      controllers.current.add(controller);
      uploader(file, (loaded, total) => dispatch({ type: 'progress', key, loaded, total }), controller.signal)
        .then(
          (asset) => {
            dispatch({ type: 'done', key });
            optsRef.current.onUploaded(asset, file);
          },
          (error: unknown) => {
            if (!controller.signal.aborted) dispatch({ type: 'fail', key, error });
          },
        )
        .finally(() => controllers.current.delete(controller));
    }
  }, []);

  const dismiss = useCallback((key: string) => dispatch({ type: 'dismiss', key }), []);

  return { items, uploading: uploadingCount, enqueue, dismiss };
}
