import type { ComponentType } from 'react';
import { useLocation } from 'wouter';
import { I18nProvider, useT } from '../i18n/i18n';
import AuthScreen from '../screens/auth/AuthScreen';
import ConfirmSignupScreen from '../screens/auth/ConfirmSignupScreen';
import ForgotPasswordScreen from '../screens/auth/ForgotPasswordScreen';
import ResetPasswordScreen from '../screens/auth/ResetPasswordScreen';
import VerifyEmailScreen from '../screens/auth/VerifyEmailScreen';
import { Layout } from './Layout';
import { AppRoutes } from './routes';
import { CookieBanner } from './CookieBanner';
import { FlashNotice } from './FlashNotice';
import { PolicyNotice } from './PolicyNotice';
import { SessionProvider, useSession } from './session';

/** Pages opened from emails (and "Forgot password?"): shown whether or not someone is signed in. */
const ACCOUNT_LINKS: Record<string, ComponentType> = {
  '/forgot': ForgotPasswordScreen,
  '/reset': ResetPasswordScreen,
  '/verify': VerifyEmailScreen,
  '/signup/confirm': ConfirmSignupScreen,
};

function Gate() {
  const t = useT();
  const { user } = useSession();
  const [location] = useLocation();
  const LinkScreen = ACCOUNT_LINKS[location];
  if (LinkScreen) return <LinkScreen />;
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
