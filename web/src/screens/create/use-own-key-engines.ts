import { useEffect, useState } from 'react';
import { providerKeysApi } from '../../api/provider-keys';

/** Engines the person has their own key for (and may use it): the picker says "your key" beside them. */
export function useOwnKeyEngines(): ReadonlySet<string> {
  const [engines, setEngines] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    providerKeysApi.list().then((r) => {
      if (live && r.allowed) setEngines(new Set(r.items.map((k) => k.provider)));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return engines;
}
