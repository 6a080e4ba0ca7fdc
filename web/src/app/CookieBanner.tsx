import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { privacyApi } from '../api/privacy';
import { privacyHref, useI18n } from '../i18n/i18n';
import { acceptAnalytics, declineAnalytics, readCookieChoice } from './cookie-consent';
import { useSession } from './session';
import { useReservedBottomSpace } from './reserved-bottom-space';
import './notices.css';

export const COOKIE_SETTINGS_EVENT = 'atelier:cookie-settings';

/** Records the analytics consent on the account too; a server without the endpoint yet (404) is fine. */
async function recordConsent(granted: boolean): Promise<void> {
  try {
    await privacyApi.setConsents({ analytics: granted });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // The cookie is what counts for analytics; the account record catches up the next time it is changed.
  }
}

/**
 * Shown until the person chooses; only essential cookies are set until they accept analytics. Reopened by the
 * footer's "Cookie settings" (window event `atelier:cookie-settings`), also before signing in. It sits fixed at
 * the bottom of the window and the page reserves its height, so it covers neither navigation nor content.
 */
export function CookieBanner() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const [open, setOpen] = useState(() => readCookieChoice() === null);
  const [reopened, setReopened] = useState(false);
  const regionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const reopen = () => {
      setReopened(true);
      setOpen(true);
    };
    window.addEventListener(COOKIE_SETTINGS_EVENT, reopen);
    return () => window.removeEventListener(COOKIE_SETTINGS_EVENT, reopen);
  }, []);

  useEffect(() => {
    if (open && reopened) regionRef.current?.focus();
  }, [open, reopened]);

  useReservedBottomSpace(regionRef, open);

  if (!open) return null;
  const current = readCookieChoice();

  const choose = (accept: boolean) => {
    const before = readCookieChoice();
    if (accept) acceptAnalytics();
    else declineAnalytics();
    setOpen(false);
    // Declining is stored in this browser only; a change of mind after accepting is recorded as a withdrawal.
    if (user && (accept || before === 'accepted')) void recordConsent(accept);
  };

  return (
    <section ref={regionRef} className="cookie-banner" role="region" aria-labelledby="cookie-banner-title" tabIndex={-1}>
      <div className="cookie-banner-text">
        <h2 id="cookie-banner-title">{t('cookies.title')}</h2>
        <p>
          {t('cookies.body')} <a href={privacyHref(locale)}>{t('cookies.policyLink')}</a>
        </p>
        {current && <p className="muted">{t(current === 'accepted' ? 'cookies.currentAccepted' : 'cookies.currentDeclined')}</p>}
      </div>
      <div className="cookie-banner-actions">
        <button type="button" className="button" onClick={() => choose(false)}>{t('cookies.decline')}</button>
        <button type="button" className="button primary" onClick={() => choose(true)}>{t('cookies.accept')}</button>
      </div>
    </section>
  );
}
