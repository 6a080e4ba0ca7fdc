import { ContactButton } from '../components/support/ContactButton';
import { useT } from '../i18n/i18n';
import { useSession } from './session';

/** Reachable before signing in: the privacy policy and the cookie choice (the banner reopens from here). */
export function Footer() {
  const t = useT();
  const { user } = useSession();
  return (
    <footer className="footer">
      <a href="/privacy">{t('footer.privacy')}</a>
      <button type="button" className="link-button" onClick={() => window.dispatchEvent(new Event('atelier:cookie-settings'))}>
        {t('footer.cookies')}
      </button>
      <a href="/api/docs">{t('footer.api')}</a>
      {user && <ContactButton />}
    </footer>
  );
}
