import { useEffect, useState } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { passkeyApi, passkeyErrorKey, ssoApi } from '../../api/passkeys';
import type { SessionResponse } from '../../api/types';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const SSO_REFUSALS = ['state_mismatch', 'expired', 'provider_error', 'provider_unreachable', 'email_missing', 'email_unverified',
  'account_disabled', 'account_suspended', 'signup_refused', 'rate_limited'];

/** Why the single sign-on that sent the browser back here was refused (?ssoError=…), in the person's language. */
function ssoRefusal(): MessageKey | null {
  const reason = new URLSearchParams(window.location.search).get('ssoError');
  if (reason === null) return null;
  return `sso.refused.${SSO_REFUSALS.includes(reason) ? reason : 'provider_error'}` as MessageKey;
}

/** The sign-ins without a password: a passkey of this device, and the single sign-on provider when one is set up. */
export function OtherSignIn({ onSignedIn }: { onSignedIn: (result: SessionResponse) => void }) {
  const t = useT();
  const [sso, setSso] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(() => {
    const key = ssoRefusal();
    return key && t(key);
  });

  useEffect(() => {
    ssoApi.info().then((info) => setSso(info.enabled ? info.buttonLabel : null), () => setSso(null));
  }, []);

  const withPasskey = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await passkeyApi.signIn());
    } catch (err) {
      const key = passkeyErrorKey(err);
      setError(key === 'api' ? errorText(t, err) : t(key));
    } finally {
      setBusy(false);
    }
  };

  const passkeys = browserSupportsWebAuthn();
  if (!passkeys && sso === null && error === null) return null;
  return (
    <div className="auth-alternatives">
      <p className="auth-or"><span>{t('passkeys.or')}</span></p>
      {passkeys && (
        <button type="button" className="button auth-alternative" disabled={busy} onClick={() => void withPasskey()}>
          {t('passkeys.signIn')}
        </button>
      )}
      {sso !== null && <a className="button auth-alternative" href={ssoApi.startUrl}>{sso}</a>}
      <div aria-live="polite">{error && <p className="alert error" role="alert">{error}</p>}</div>
    </div>
  );
}
