import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { LOCALES, useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useSession } from './session';
import { useAccountLanguage } from './account-language';
import { Footer } from './Footer';
import { ThemeSwitch } from './ThemeSwitch';
import { ShortcutsSheet } from '../components/shortcuts/ShortcutsSheet';

const NAV: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'nav.create' },
  { href: '/history', label: 'nav.history' },
  { href: '/batch', label: 'nav.batch' },
  { href: '/workflows', label: 'nav.workflows' },
  { href: '/gallery', label: 'nav.gallery' },
  { href: '/albums', label: 'nav.albums' },
  { href: '/trash', label: 'nav.trash' },
  { href: '/settings', label: 'nav.settings' },
];

function isCurrent(location: string, href: string): boolean {
  return href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`);
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const { locale, choose } = useAccountLanguage();
  const { user, logout } = useSession();
  const [location] = useLocation();
  const items = user?.role === 'admin' ? [...NAV, { href: '/admin', label: 'nav.admin' as MessageKey }] : NAV;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="topbar">
        <Link href="/" className="brand">{t('app.name')}</Link>
        {user && (
          <nav aria-label={t('nav.main')} className="nav">
            {items.map((item) => (
              <Link key={item.href} href={item.href} aria-current={isCurrent(location, item.href) ? 'page' : undefined}>
                {t(item.label)}
              </Link>
            ))}
          </nav>
        )}
        <div className="topbar-end">
          <label className="visually-hidden" htmlFor="locale-picker">{t('nav.language')}</label>
          <select id="locale-picker" value={locale} onChange={(e) => choose(e.target.value as typeof locale)}>
            {LOCALES.map((l) => (
              <option key={l.id} value={l.id}>{l.label}</option>
            ))}
          </select>
          <ThemeSwitch />
          {user && (
            <button type="button" className="button ghost" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <Footer />
      <ShortcutsSheet />
    </div>
  );
}
