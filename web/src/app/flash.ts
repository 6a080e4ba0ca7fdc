import { useSyncExternalStore } from 'react';
import type { MessageKey } from '../i18n/messages';

/** A one-off message that survives the switch from the sign-in screen to the app (e.g. "deletion canceled"). */
let current: MessageKey | null = null;
const listeners = new Set<() => void>();

function set(next: MessageKey | null): void {
  current = next;
  for (const l of listeners) l();
}

export const flash = {
  show: (key: MessageKey) => set(key),
  dismiss: () => set(null),
  get: () => current,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useFlash = () => useSyncExternalStore(flash.subscribe, flash.get, flash.get);

/** A sign-in that came back through a redirect (single sign-on) names its notice in the address: shown once, then removed. */
export function flashFromAddress(): void {
  const url = new URL(window.location.href);
  if (url.searchParams.get('deletionCanceled') !== '1') return;
  flash.show('auth.deletionCanceled');
  url.searchParams.delete('deletionCanceled');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}
