import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { providerKeysApi, type OwnKeyProvider, type ProviderKey, type ProviderKeys } from '../../api/provider-keys';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useAction } from './use-action';

const capOf = (text: string): number | null => (text.trim() === '' ? null : Math.max(1, Math.floor(Number(text))));

/** Settings → Your provider keys: add a key (checked by the server with the provider), see them masked, set a cap, remove. */
export function ProviderKeysSection() {
  const { t } = useI18n();
  const id = useId();
  const [state, setState] = useState<ProviderKeys | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [provider, setProvider] = useState<OwnKeyProvider | ''>('');
  const [key, setKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [cap, setCap] = useState('');
  const [added, setAdded] = useState<OwnKeyProvider | null>(null);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    providerKeysApi.list().then(setState, setLoadError);
  }, []);
  useEffect(load, [load]);

  const chosen = provider || state?.providers[0];
  const engineName = (p: OwnKeyProvider) => t(`providerKeys.engine.${p}`);
  const upsert = (k: ProviderKey) => setState((s) => s && { ...s, items: [...s.items.filter((x) => x.provider !== k.provider), k] });

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    void action.run(async () => {
      const made = await providerKeysApi.add({
        provider: chosen, key: key.trim(), monthlyImageCap: capOf(cap),
        ...(chosen === 'openai' && baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      });
      setKey('');
      setBaseUrl('');
      setCap('');
      setAdded(made.provider);
      upsert(made);
    });
  };

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('providerKeys.title')}</h2>
      <p className="muted">{t('providerKeys.intro')}</p>
      {loadError !== null && <p className="alert error" role="alert">{errorText(t, loadError)}</p>}
      {state && !state.allowed && <p className="muted">{t('providerKeys.notAllowed')}</p>}
      {state?.allowed && state.providers.length === 0 && <p className="muted">{t('providerKeys.noEngines')}</p>}
      {state?.allowed && chosen && (
        <form onSubmit={add} noValidate>
          <div className="field">
            <label htmlFor={`${id}-provider`}>{t('providerKeys.provider')}</label>
            <select id={`${id}-provider`} value={chosen} onChange={(e) => setProvider(e.target.value as OwnKeyProvider)}>
              {state.providers.map((p) => <option key={p} value={p}>{engineName(p)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-key`}>{t('providerKeys.key')}</label>
            <input id={`${id}-key`} type="password" autoComplete="off" value={key} maxLength={400} onChange={(e) => setKey(e.target.value)} />
          </div>
          {chosen === 'openai' && (
            <div className="field">
              <label htmlFor={`${id}-base`}>{t('providerKeys.baseUrl')}</label>
              <input id={`${id}-base`} type="url" value={baseUrl} maxLength={2000} placeholder="https://api.example.com/v1" onChange={(e) => setBaseUrl(e.target.value)} />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-cap`}>{t('providerKeys.cap')}</label>
            <input id={`${id}-cap`} type="number" min={1} step={1} value={cap} onChange={(e) => setCap(e.target.value)} />
          </div>
          <div aria-live="polite">{action.error !== null && <p className="alert error" role="alert">{errorText(t, action.error)}</p>}</div>
          <button type="submit" className="button primary" disabled={action.busy || key.trim().length < 8}>{t('providerKeys.add')}</button>
        </form>
      )}
      {added && <p className="alert success" role="status">{t('providerKeys.added', { engine: engineName(added) })}</p>}
      {state?.items.length === 0 && <p className="muted">{t('providerKeys.none')}</p>}
      {state && state.items.length > 0 && (
        <ul className="session-list">
          {state.items.map((k) => <KeyItem key={k.id} item={k} busy={action.busy} engine={engineName(k.provider)}
            onCap={(value) => void action.run(async () => upsert(await providerKeysApi.setCap(k.id, value)))}
            onRemove={() => void action.run(async () => {
              await providerKeysApi.remove(k.id);
              setState((s) => s && { ...s, items: s.items.filter((x) => x.id !== k.id) });
            })} />)}
        </ul>
      )}
    </section>
  );
}

function KeyItem({ item, engine, busy, onCap, onRemove }: {
  item: ProviderKey; engine: string; busy: boolean; onCap: (cap: number | null) => void; onRemove: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [cap, setCap] = useState(item.monthlyImageCap === null ? '' : String(item.monthlyImageCap));
  const usage = item.monthlyImageCap === null
    ? t('providerKeys.usage', { used: item.imagesThisMonth })
    : t('providerKeys.usageCapped', { used: item.imagesThisMonth, cap: item.monthlyImageCap });
  return (
    <li className="session-item">
      <div>
        <strong>{engine}</strong> <code>{item.masked}</code>
        <p className="muted">{usage}{item.baseUrl ? ` · ${item.baseUrl}` : ''}</p>
      </div>
      <label htmlFor={`${id}-cap`} className="visually-hidden">{t('providerKeys.capFor', { engine })}</label>
      <input id={`${id}-cap`} type="number" min={1} step={1} value={cap} className="cap-input" onChange={(e) => setCap(e.target.value)} />
      <button type="button" className="button" disabled={busy} onClick={() => onCap(capOf(cap))}>{t('providerKeys.setCap')}</button>
      <button type="button" className="button danger" disabled={busy} aria-label={t('providerKeys.removeNamed', { engine })} onClick={onRemove}>
        {t('providerKeys.remove')}
      </button>
    </li>
  );
}
