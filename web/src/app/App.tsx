import { I18nProvider, useT } from '../i18n/i18n';
import AuthScreen from '../screens/auth/AuthScreen';
import { Layout } from './Layout';
import { AppRoutes } from './routes';
import { CookieBanner } from './CookieBanner';
import { FlashNotice } from './FlashNotice';
import { PolicyNotice } from './PolicyNotice';
import { SessionProvider, useSession } from './session';

function Gate() {
  const t = useT();
  const { user } = useSession();
  if (user === undefined) return <p className="loading" role="status">{t('common.loading')}</p>;
  if (user === null) return <AuthScreen />;
  return (
    <>
      <FlashNotice />
      <AppRoutes />
      <PolicyNotice />
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <CookieBanner />
        <Layout>
          <Gate />
        </Layout>
      </SessionProvider>
    </I18nProvider>
  );
}
