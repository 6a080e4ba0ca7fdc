import { useId, useState, type FormEvent } from 'react';
import { accountApi, type ProfileChange } from '../../api/account';
import { useSession, useUser } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { errorField, useAction } from './use-action';

const FIELDS = ['name', 'email', 'currentPassword'] as const;

/** Name and email; changing the email needs the current password (and a notice goes to the old address). */
export function ProfileSection() {
  const t = useT();
  const id = useId();
  const user = useUser();
  const { setUser } = useSession();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [password, setPassword] = useState('');
  const action = useAction();
  const emailChanged = email.trim().toLowerCase() !== user.email.toLowerCase();
  const field = errorField(action.error, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const change: ProfileChange = {};
      if (name.trim() !== user.name) change.name = name.trim();
      if (emailChanged) {
        change.email = email.trim();
        change.currentPassword = password;
      }
      if (!Object.keys(change).length) return;
      setUser({ ...user, ...(await accountApi.update(change)) });
      setPassword('');
    });
  };

  const describe = (f: (typeof FIELDS)[number]) => (field === f ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.profile')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('settings.name')}</label>
          <input id={`${id}-name`} autoComplete="name" value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} {...describe('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('settings.email')}</label>
          <input id={`${id}-email`} type="email" autoComplete="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} {...describe('email')} />
          {emailChanged && <span className="field-hint">{t('settings.emailChangeHint')}</span>}
        </div>
        {emailChanged && (
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('settings.currentPassword')}</label>
            <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} {...describe('currentPassword')} />
          </div>
        )}
        <div aria-live="polite">
          {action.error !== null && (
            <p className="alert error" id={`${id}-error`} role="alert">{field ? (action.error as Error).message || errorText(t, action.error) : errorText(t, action.error)}</p>
          )}
          {action.done && <p className="alert success">{t('settings.saved')}</p>}
        </div>
        <button type="submit" className="button primary" disabled={action.busy || !name.trim() || (emailChanged && !password)}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
