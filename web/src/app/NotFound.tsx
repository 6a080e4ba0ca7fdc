import { Link } from 'wouter';
import { useT } from '../i18n/i18n';

export function NotFound() {
  const t = useT();
  return (
    <section className="empty-state">
      <h1>{t('common.notFound')}</h1>
      <Link href="/">{t('common.goHome')}</Link>
    </section>
  );
}
