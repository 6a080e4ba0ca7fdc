import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { WEBHOOK_EVENTS, webhooksApi, type Webhook, type WebhookEventName } from '../../api/webhooks';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useAction } from './use-action';

/** Settings → Webhooks: add one (its secret shown once), send a test, turn it off or on, delete it. */
export function WebhooksSection() {
  const { t } = useI18n();
  const id = useId();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ReadonlySet<WebhookEventName>>(new Set(['generation.succeeded']));
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tested, setTested] = useState(false);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    webhooksApi.list().then((r) => setHooks(r.items), setLoadError);
  }, []);
  useEffect(load, [load]);

  const toggle = (event: WebhookEventName, on: boolean) =>
    setEvents((current) => {
      const next = new Set(current);
      if (on) next.add(event);
      else next.delete(event);
      return next;
    });

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (events.size === 0) return setNotice(t('webhooks.needEvent'));
    setNotice(null);
    void action.run(async () => {
      const { secret: made, ...hook } = await webhooksApi.create({ url: url.trim(), events: WEBHOOK_EVENTS.filter((x) => events.has(x)) });
      setSecret(made);
      setUrl('');
      setHooks((list) => [hook, ...(list ?? [])]);
    });
  };

  const replace = (hook: Webhook) => setHooks((list) => list?.map((h) => (h.id === hook.id ? hook : h)) ?? null);
  const message = notice ?? (action.error !== null ? errorText(t, action.error) : null);

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('webhooks.title')}</h2>
      <p className="muted">{t('webhooks.intro')}</p>
      <form onSubmit={create} noValidate>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('webhooks.url')}</label>
          <input id={`${id}-url`} type="url" value={url} maxLength={2000} placeholder="https://example.com/atelier" onChange={(e) => setUrl(e.target.value)} />
        </div>
        <fieldset className="field token-scopes">
          <legend>{t('webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="checkbox">
              <input type="checkbox" checked={events.has(event)} onChange={(e) => toggle(event, e.target.checked)} />
              {t(`webhooks.event.${event}`)} <code>{event}</code>
            </label>
          ))}
        </fieldset>
        <div aria-live="polite">{message && <p className="alert error" role="alert">{message}</p>}</div>
        <button type="submit" className="button primary" disabled={action.busy || !url.trim()}>{t('webhooks.create')}</button>
      </form>
      {secret && (
        <div className="token-secret" role="status">
          <p className="alert success">{t('webhooks.created')}</p>
          <label htmlFor={`${id}-secret`}>{t('webhooks.secretLabel')}</label>
          <input id={`${id}-secret`} readOnly value={secret} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {tested && <p className="muted" role="status">{t('webhooks.tested')}</p>}
      {loadError !== null && <p className="alert error" role="alert">{errorText(t, loadError)}</p>}
      {hooks?.length === 0 && <p className="muted">{t('webhooks.none')}</p>}
      {hooks && hooks.length > 0 && (
        <ul className="session-list">
          {hooks.map((h) => (
            <li key={h.id} className="session-item">
              <div>
                <strong>{h.url}</strong> {!h.enabled && <span className="muted">({t('webhooks.off')})</span>}
                <p className="muted">{h.events.map((event) => (WEBHOOK_EVENTS as readonly string[]).includes(event) ? t(`webhooks.event.${event as WebhookEventName}`) : event).join(' · ')}</p>
              </div>
              <button type="button" className="button" disabled={action.busy || !h.enabled}
                onClick={() => void action.run(async () => { await webhooksApi.test(h.id); setTested(true); })}>{t('webhooks.test')}</button>
              <button type="button" className="button" disabled={action.busy}
                onClick={() => void action.run(async () => replace(await webhooksApi.setEnabled(h.id, !h.enabled)))}>
                {t(h.enabled ? 'webhooks.disable' : 'webhooks.enable')}
              </button>
              <button type="button" className="button danger" disabled={action.busy} aria-label={t('webhooks.deleteNamed', { url: h.url })}
                onClick={() => void action.run(async () => { await webhooksApi.remove(h.id); setHooks((list) => list?.filter((x) => x.id !== h.id) ?? null); })}>
                {t('webhooks.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
