import { I18nProvider, useT } from '../i18n/i18n';
import AuthScreen from '../screens/auth/AuthScreen';
import { Layout } from './Layout';
import { AppRoutes } from './routes';
import { SessionProvider, useSession } from './session';

function Gate() {
  const t = useT();
  const { user } = useSession();
  if (user === undefined) return <p className="loading" role="status">{t('common.loading')}</p>;
  if (user === null) return <AuthScreen />;
  return <AppRoutes />;
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Layout>
          <Gate />
        </Layout>
      </SessionProvider>
    </I18nProvider>
  );
}
