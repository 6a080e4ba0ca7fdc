import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { TOKEN_SCOPES, tokensApi, type ApiToken, type TokenScope } from '../../api/tokens';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { formatDate, useAction } from './use-action';

/** Expiry choices in days; 0: never. */
const EXPIRY_DAYS = [30, 90, 365, 0] as const;

/** Personal API tokens: create one with scopes and an expiry, copy its secret once, list and revoke them. */
export function ApiTokensSection() {
  const { t, locale } = useI18n();
  const id = useId();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<TokenScope>>(new Set(['images']));
  const [expiry, setExpiry] = useState<number>(90);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    tokensApi.list().then((r) => setTokens(r.items), setLoadError);
  }, []);
  useEffect(load, [load]);

  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (scopes.size === 0) return setLocalError(t('tokens.needScope'));
    setLocalError(null);
    setCopied(false);
    void action.run(async () => {
      const made = await tokensApi.create({
        name: name.trim(), scopes: TOKEN_SCOPES.filter((s) => scopes.has(s)), ...(expiry > 0 ? { expiresInDays: expiry } : {}),
      });
      const { token, ...listed } = made;
      setSecret(token);
      setName('');
      setTokens((list) => [listed, ...(list ?? [])]);
    });
  };

  const copy = () => {
    if (!secret) return;
    void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false));
  };

  const revoke = (tokenId: string) =>
    void action.run(async () => {
      await tokensApi.revoke(tokenId);
      setTokens((list) => list?.filter((x) => x.id !== tokenId) ?? null);
    });

  const scopeNames = (list: readonly TokenScope[]) => list.map((scope) => t(`tokens.scopeName.${scope}`)).join(' · ');
  const message = localError ?? (action.error !== null ? errorText(t, action.error) : null);

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tokens.title')}</h2>
      <p className="muted">{t('tokens.intro')}</p>
      <form onSubmit={create} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('tokens.name')}</label>
          <input id={`${id}-name`} value={name} maxLength={80} placeholder={t('tokens.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
        </div>
        <fieldset className="field token-scopes">
          <legend>{t('tokens.scopes')}</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input type="checkbox" checked={scopes.has(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
              {t(`tokens.scope.${scope}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-expiry`}>{t('tokens.expiry')}</label>
          <select id={`${id}-expiry`} value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
            {EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>{days > 0 ? t('tokens.expiryDays', { n: days }) : t('tokens.expiryNever')}</option>
            ))}
          </select>
        </div>
        <div aria-live="polite">{message && <p className="alert error" role="alert">{message}</p>}</div>
        <button type="submit" className="button primary" disabled={action.busy || !name.trim()}>{t('tokens.create')}</button>
      </form>
      {secret && (
        <div className="token-secret" role="status">
          <p className="alert success">{t('tokens.created')}</p>
          <label htmlFor={`${id}-secret`}>{t('tokens.secretLabel')}</label>
          <div className="token-secret-row">
            <input id={`${id}-secret`} readOnly value={secret} onFocus={(e) => e.target.select()} />
            <button type="button" className="button" onClick={copy}>{t('tokens.copy')}</button>
          </div>
          {copied && <p className="muted">{t('tokens.copied')}</p>}
        </div>
      )}
      {loadError !== null && (
        <p className="alert error" role="alert">
          {errorText(t, loadError)} <button type="button" className="link-button" onClick={load}>{t('common.retry')}</button>
        </p>
      )}
      {tokens === null && loadError === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {tokens?.length === 0 && <p className="muted">{t('tokens.none')}</p>}
      {tokens && tokens.length > 0 && (
        <ul className="session-list">
          {tokens.map((x) => (
            <li key={x.id} className="session-item">
              <div>
                <strong>{x.name}</strong> <code>{x.prefix}…</code>
                <p className="muted">
                  {t('tokens.line', {
                    scopes: scopeNames(x.scopes),
                    created: formatDate(x.createdAt, locale),
                    used: x.lastUsedAt ? formatDate(x.lastUsedAt, locale) : t('tokens.neverUsed'),
                    expires: x.expiresAt ? formatDate(x.expiresAt, locale) : t('tokens.noExpiry'),
                  })}
                </p>
              </div>
              <button type="button" className="button danger" disabled={action.busy} onClick={() => revoke(x.id)} aria-label={t('tokens.revokeNamed', { name: x.name })}>
                {t('tokens.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
