import { useCallback, useEffect, useRef } from 'react';
import { accountApi } from '../api/account';
import { useI18n } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { useSession } from './session';

/**
 * The language lives on the account: at each sign-in (a new device included) the studio takes the account's, and the
 * person's own choice is saved to it. Returns the way to choose one.
 */
export function useAccountLanguage(): { locale: Locale; choose(next: Locale): void } {
  const { locale, setLocale } = useI18n();
  const { user, setUser } = useSession();
  const adoptedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!user) {
      adoptedFor.current = null;
      return;
    }
    if (adoptedFor.current === user.id) return;
    adoptedFor.current = user.id;
    if (user.language !== locale) setLocale(user.language);
  }, [user, locale, setLocale]);

  const choose = useCallback((next: Locale) => {
    setLocale(next);
    if (!user || user.language === next) return;
    // Best effort: the device keeps the choice even if saving it fails; the next change tries again.
    accountApi.update({ language: next }).then((saved) => setUser({ ...user, ...saved }), () => undefined);
  }, [user, setLocale, setUser]);

  return { locale, choose };
}
