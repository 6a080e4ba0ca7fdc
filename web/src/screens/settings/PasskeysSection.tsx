import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { passkeyApi, passkeyErrorKey, type Passkey } from '../../api/passkeys';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { PasskeyItem } from './PasskeyItem';
import { useAction } from './use-action';

/** The person's passkeys: add one per device, rename, remove. */
export function PasskeysSection() {
  const t = useT();
  const id = useId();
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState(false);
  const [added, setAdded] = useState(false);
  const action = useAction();
  const supported = browserSupportsWebAuthn();

  const load = useCallback(() => {
    setLoadError(null);
    passkeyApi.list().then((r) => setPasskeys(r.items), setLoadError);
  }, []);
  useEffect(load, [load]);

  const add = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    setNameError(!name.trim());
    if (!name.trim()) return;
    void action.run(async () => {
      const passkey = await passkeyApi.register(name.trim());
      setPasskeys((list) => [...(list ?? []), passkey]);
      setName('');
      setAdded(true);
    });
  };

  const rename = async (passkeyId: string, next: string): Promise<boolean> => {
    let ok = false;
    await action.run(async () => {
      await passkeyApi.rename(passkeyId, next);
      setPasskeys((list) => list?.map((p) => (p.id === passkeyId ? { ...p, name: next } : p)) ?? null);
      ok = true;
    });
    return ok;
  };

  const remove = (passkeyId: string) =>
    void action.run(async () => {
      await passkeyApi.remove(passkeyId);
      setPasskeys((list) => list?.filter((p) => p.id !== passkeyId) ?? null);
    });

  const failure = action.error === null ? null : passkeyErrorKey(action.error);
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('passkeys.title')}</h2>
      <p className="muted">{t('passkeys.intro')}</p>
      {loadError !== null && (
        <p className="alert error" role="alert">
          {errorText(t, loadError)} <button type="button" className="link-button" onClick={load}>{t('common.retry')}</button>
        </p>
      )}
      {passkeys === null && loadError === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {passkeys?.length === 0 && <p>{t('passkeys.none')}</p>}
      {passkeys && passkeys.length > 0 && (
        <ul className="session-list">
          {passkeys.map((p) => (
            <PasskeyItem key={p.id} passkey={p} busy={action.busy} onRename={(next) => rename(p.id, next)} onRemove={() => remove(p.id)} />
          ))}
        </ul>
      )}
      {supported ? (
        <form onSubmit={add} noValidate>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('passkeys.name')}</label>
            <input
              id={`${id}-name`} value={name} maxLength={60} onChange={(e) => setName(e.target.value)}
              aria-invalid={nameError || undefined} aria-describedby={`${id}-hint`}
            />
            <span className="field-hint" id={`${id}-hint`}>{nameError ? t('passkeys.nameRequired') : t('passkeys.nameHint')}</span>
          </div>
          <button type="submit" className="button primary" disabled={action.busy}>{t('passkeys.add')}</button>
        </form>
      ) : (
        <p className="muted">{t('passkeys.unsupported')}</p>
      )}
      <div aria-live="polite">
        {added && <p className="alert success">{t('passkeys.added')}</p>}
        {failure !== null && <p className="alert error" role="alert">{failure === 'api' ? errorText(t, action.error) : t(failure)}</p>}
      </div>
    </section>
  );
}
