import { useState } from 'react';
import { privacyHref, useI18n } from '../../i18n/i18n';
import { ApiTokensSection } from './ApiTokensSection';
import { WebhooksSection } from './WebhooksSection';
import { ProviderKeysSection } from './ProviderKeysSection';
import { BillingSection } from './BillingSection';
import { ConsentsSection } from './ConsentsSection';
import { DeleteAccountSection } from './DeleteAccountSection';
import { EmailVerificationNotice } from './EmailVerificationNotice';
import { ExportSection } from './ExportSection';
import { PasskeysSection } from './PasskeysSection';
import { PasswordSection } from './PasswordSection';
import { PreferencesSection } from './PreferencesSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { SharesSection } from './SharesSection';
import { TwoStepSection } from './TwoStepSection';
import './settings.css';

export default function SettingsScreen() {
  const { t, locale } = useI18n();
  // A password change signs out the other sessions: the list reloads.
  const [sessionsKey, setSessionsKey] = useState(0);
  return (
    <div className="settings-screen">
      <h1>{t('settings.title')}</h1>
      <EmailVerificationNotice />
      <div className="settings-columns">
        <div>
          <ProfileSection />
          <PasswordSection onChanged={() => setSessionsKey((k) => k + 1)} />
          <PasskeysSection />
          <TwoStepSection />
          <BillingSection />
          <PreferencesSection />
          <SessionsSection reloadKey={sessionsKey} />
          <ApiTokensSection />
          <WebhooksSection />
          <ProviderKeysSection />
          <SharesSection />
        </div>
        <div>
          <h2 className="settings-group-title" id="privacy">{t('privacy.title')}</h2>
          <p className="muted">
            {t('privacy.intro')} <a href={privacyHref(locale)}>{t('privacy.policyLink')}</a>
          </p>
          <ConsentsSection />
          <ExportSection />
          <DeleteAccountSection />
        </div>
      </div>
    </div>
  );
}
