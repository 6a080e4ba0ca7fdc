import { useEffect, useRef } from 'react';
import { assetsApi } from '../api/assets';
import { ApiError } from '../api/client';
import type { Asset } from '../api/types';

/** How often an upload waiting for the image check is asked about again. */
export const CHECK_POLL_MS = 2000;

/**
 * While any of `ids` (uploads the image check has not looked at yet) is shown, asks the server about each one every
 * CHECK_POLL_MS: `onChecked(asset)` once its check ended (usable, or stored blurred), `onChecked(id, null)` when the
 * check did not accept it (the server deleted it).
 */
export function useCheckingRefresh(ids: readonly string[], onChecked: (id: string, asset: Asset | null) => void): void {
  const latest = useRef(onChecked);
  latest.current = onChecked;
  const key = [...ids].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    let live = true;
    const timer = setInterval(() => {
      for (const id of key.split(',')) {
        assetsApi.get(id).then(
          (asset) => live && !asset.checking && latest.current(id, asset),
          (err: unknown) => live && err instanceof ApiError && err.status === 404 && latest.current(id, null),
        );
      }
    }, CHECK_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key]);
}
