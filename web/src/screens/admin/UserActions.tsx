import { useId, useState, type FormEvent } from 'react';
import { adminAccountsApi, type AdminUserRow } from '../../api/accounts';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { useAction } from '../settings/use-action';

/** Role, suspension, deletion on request and a new verification link for one account; each asks before it acts. */
export function UserActions({ user, onChanged }: { user: AdminUserRow; onChanged(): void }) {
  const t = useT();
  const id = useId();
  const action = useAction();
  const [suspending, setSuspending] = useState(false);
  const [reason, setReason] = useState('');
  const act = (task: () => Promise<void>) => void action.run(async () => {
    await task();
    onChanged();
  });

  const suspend = (e: FormEvent) => {
    e.preventDefault();
    act(() => adminAccountsApi.suspend(user.id, reason.trim()));
  };

  return (
    <div className="admin-actions">
      <button type="button" className="button ghost" disabled={action.busy}
        onClick={() => act(() => adminAccountsApi.setRole(user.id, user.role === 'admin' ? 'user' : 'admin'))}>
        {t(user.role === 'admin' ? 'admin.makeUser' : 'admin.makeAdmin')}
      </button>
      {user.status === 'suspended' ? (
        <button type="button" className="button ghost" disabled={action.busy} onClick={() => act(() => adminAccountsApi.unsuspend(user.id))}>{t('admin.unsuspend')}</button>
      ) : (
        <button type="button" className="button ghost" disabled={action.busy} aria-expanded={suspending} onClick={() => setSuspending((s) => !s)}>{t('admin.suspend')}</button>
      )}
      {!user.emailVerified && (
        <button type="button" className="button ghost" disabled={action.busy} onClick={() => act(() => adminAccountsApi.resendVerification(user.id))}>{t('admin.resendVerification')}</button>
      )}
      <button type="button" className="button danger" disabled={action.busy}
        onClick={() => window.confirm(t('admin.deleteConfirm', { email: user.email })) && act(() => adminAccountsApi.deleteOnRequest(user.id))}>
        {t('admin.deleteOnRequest')}
      </button>
      {suspending && user.status !== 'suspended' && (
        <form onSubmit={suspend} className="admin-suspend">
          <label htmlFor={`${id}-reason`}>{t('admin.suspendReason')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button danger" disabled={action.busy || !reason.trim()}>{t('admin.suspendConfirm')}</button>
        </form>
      )}
      <span aria-live="polite">{action.error !== null && <span className="field-error">{errorText(t, action.error)}</span>}</span>
    </div>
  );
}
