import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import type { Asset } from '../../api/types';
import type { ImageRef } from '../image-ref';
import { ListViewer } from './ListViewer';

/**
 * The images a large view steps through: the set or list an image was opened from (a gallery page, a History set,
 * a Create run), so that every "View large" has the same arrows, `f` and Delete, whichever way it was opened.
 */
export interface ImageList {
  items: readonly ImageRef[];
  /** Loads the next page; absent when every item is loaded. */
  loadMore?: () => void;
  /** An image changed in the large view (favourite, "never use for training"). */
  onChange?: (image: Asset) => void;
  /** An image was moved to the trash from the large view. */
  onDeleted?: (id: string) => void;
}

/** Opens the large view of the surrounding list at an image; null where no screen provides one. */
const OpenInListContext = createContext<((id: string) => void) | null>(null);

export const useOpenInList = () => useContext(OpenInListContext);

/**
 * The large view of a list, kept by the screen that shows the list (so that it stays open while the list changes
 * under it): `open` starts it at an image, `provide` lets every image's "View large" below it open it too.
 */
export function useListViewer(list: ImageList): { open(id: string): void; provide(children: ReactNode): ReactNode; view: ReactNode } {
  const [viewing, setViewing] = useState<string | null>(null);
  const close = useCallback(() => setViewing(null), []);
  return {
    open: setViewing,
    provide: (children) => <OpenInListContext.Provider value={setViewing}>{children}</OpenInListContext.Provider>,
    view: viewing === null ? null : <ListViewer key={viewing} list={list} startId={viewing} onClose={close} />,
  };
}
