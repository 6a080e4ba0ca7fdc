import { ContactButton } from '../components/support/ContactButton';
import { privacyHref, useI18n } from '../i18n/i18n';
import { useSession } from './session';

/** Reachable before signing in: the privacy policy and the cookie choice (the banner reopens from here). */
export function Footer() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  return (
    <footer className="footer">
      <a href={privacyHref(locale)}>{t('footer.privacy')}</a>
      <button type="button" className="link-button" onClick={() => window.dispatchEvent(new Event('atelier:cookie-settings'))}>
        {t('footer.cookies')}
      </button>
      <a href="/api/docs">{t('footer.api')}</a>
      {user && <ContactButton />}
    </footer>
  );
}
