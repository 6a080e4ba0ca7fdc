import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { adminAccountsApi, type AdminUserRow } from '../../api/accounts';
import { useUser } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatBytes } from '../settings/use-action';
import { UserActions } from './UserActions';

/** The name of each account status the server reports (the contract types it as a string). */
const STATUS_KEY: Partial<Record<string, MessageKey>> = {
  active: 'admin.userStatus.active',
  disabled: 'admin.userStatus.disabled',
  pending_deletion: 'admin.userStatus.pending_deletion',
  suspended: 'admin.userStatus.suspended',
};

/** Accounts, searched by email or name, page by page, with what an administrator may do to each. */
export function UsersPanel() {
  const { t, locale } = useI18n();
  const id = useId();
  const me = useUser();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<{ q: string; items: AdminUserRow[]; next: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(locale === 'zh' ? 'zh-CN' : 'en') : '—');

  const load = useCallback((q: string, cursor?: string | null) => {
    setError(null);
    adminAccountsApi.users(q, cursor).then(
      (page) => setShown((prev) => ({ q, items: cursor && prev ? [...prev.items, ...page.items] : page.items, next: page.nextCursor })),
      setError,
    );
  }, []);
  useEffect(() => load(''), [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    load(query.trim());
  };

  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <div className="admin-section-head">
        <h2 id={`${id}-title`}>{t('admin.users')}</h2>
        <form className="admin-search" role="search" onSubmit={search}>
          <label htmlFor={`${id}-q`} className="visually-hidden">{t('admin.usersSearch')}</label>
          <input id={`${id}-q`} type="search" placeholder={t('admin.usersSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button">{t('admin.search')}</button>
        </form>
      </div>
      {error !== null && <p className="alert error" role="alert">{errorText(t, error)}</p>}
      {shown && shown.items.length === 0 && <p className="muted">{t('admin.usersEmpty')}</p>}
      {shown && shown.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.users')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.account')}</th><th scope="col">{t('admin.role')}</th><th scope="col">{t('admin.status')}</th>
                <th scope="col">{t('admin.plan')}</th>
                <th scope="col">{t('admin.created')}</th><th scope="col">{t('admin.lastActive')}</th><th scope="col">{t('admin.library')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.email}<br /><span className="muted">{u.name}</span>
                    {!u.emailVerified && <span className="badge">{t('admin.unverified')}</span>}
                    {u.mfa && <span className="badge">{t('admin.mfa')}</span>}
                  </th>
                  <td>{t(u.role === 'admin' ? 'admin.roleAdmin' : 'admin.roleUser')}</td>
                  <td>{STATUS_KEY[u.status] ? t(STATUS_KEY[u.status]!) : u.status}{u.suspensionReason ? `: ${u.suspensionReason}` : ''}</td>
                  <td>{u.plan ? u.plan.name : t('admin.planUnlimited')}</td>
                  <td>{when(u.created)}</td>
                  <td>{when(u.lastActive)}</td>
                  <td>{t('admin.images', { n: u.images })} · {formatBytes(u.storageBytes)}</td>
                  <td>{u.id !== me.id && <UserActions user={u} onChanged={() => load(shown.q)} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown?.next && <button type="button" className="button ghost" onClick={() => load(shown.q, shown.next)}>{t('admin.more')}</button>}
    </section>
  );
}
