import { useEffect, useState } from 'react';
import { recoveryApi } from '../../api/accounts';
import { useSession } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { AuthCard, linkToken } from './AuthCard';

/** /verify?token=…: confirms the address as soon as the page opens, signed in or not. */
export default function VerifyEmailScreen() {
  const t = useT();
  const { refresh } = useSession();
  const [state, setState] = useState<{ done: boolean; error: string | null }>({ done: false, error: null });

  useEffect(() => {
    recoveryApi.verify(linkToken()).then(
      () => {
        setState({ done: true, error: null });
        void refresh();
      },
      (err: unknown) => setState({ done: false, error: errorText(t, err) }),
    );
  }, [refresh, t]);

  return (
    <AuthCard title="auth.verifyTitle">
      <div aria-live="polite">
        {state.done && <p className="alert success" role="status">{t('auth.verifyDone')}</p>}
        {state.error && <p className="alert error" role="alert">{state.error}</p>}
        {!state.done && !state.error && <p className="loading" role="status">{t('common.loading')}</p>}
      </div>
    </AuthCard>
  );
}
