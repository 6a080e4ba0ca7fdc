import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { adminAccountsApi, type Invitation } from '../../api/accounts';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useAction } from '../settings/use-action';

/** Single-use sign-up links: made here (shown once), listed with their state. */
export function InvitationsPanel() {
  const { t, locale } = useI18n();
  const id = useId();
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [email, setEmail] = useState('');
  const [made, setMade] = useState<string | null>(null);
  const action = useAction();
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  const { setError } = action;
  const reload = useCallback(() => adminAccountsApi.invitations().then(setInvitations, setError), [setError]);
  useEffect(() => void reload(), [reload]);

  const invite = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const created = await adminAccountsApi.invite(email.trim() ? { email: email.trim() } : {});
      setMade(created.url ?? null);
      setEmail('');
      await reload();
    });
  };

  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.invitations')}</h2>
      <form className="admin-invite" onSubmit={invite}>
        <label htmlFor={`${id}-email`}>{t('admin.inviteEmail')}</label>
        <input id={`${id}-email`} type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
        <button type="submit" className="button primary" disabled={action.busy}>{t('admin.invite')}</button>
      </form>
      <div aria-live="polite">
        {made && <p className="alert success">{t('admin.inviteMade')} <code className="admin-link">{made}</code></p>}
        {action.error !== null && <p className="alert error" role="alert">{errorText(t, action.error)}</p>}
      </div>
      {invitations.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.invitations')}>
          <table>
            <thead><tr><th scope="col">{t('admin.created')}</th><th scope="col">{t('admin.inviteFor')}</th><th scope="col">{t('admin.expires')}</th><th scope="col">{t('admin.status')}</th></tr></thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}><td>{when(i.createdAt)}</td><td>{i.email ?? t('admin.anyone')}</td><td>{when(i.expiresAt)}</td><td>{t(`admin.inviteStatus.${i.status}`)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
