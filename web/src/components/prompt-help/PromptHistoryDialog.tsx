import { useEffect, useId, useState } from 'react';
import { promptsApi, type PromptUse } from '../../api/prompts';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../Dialog';

/** The person's earlier prompts with a search box; picking one puts it in the prompt box. */
export function PromptHistoryDialog({ onPick, onClose }: { onPick(prompt: string): void; onClose(): void }) {
  const t = useT();
  const id = useId();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PromptUse[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // A short pause after typing, so a search is not sent per keystroke.
    const timer = setTimeout(() => {
      promptsApi.history(q, controller.signal).then((r) => setItems(r.items), (err) => !controller.signal.aborted && setError(errorText(t, err)));
    }, q ? 250 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, t]);

  return (
    <Dialog title={t('promptHelp.historyTitle')} onClose={onClose} wide>
      <label htmlFor={`${id}-q`}>{t('promptHelp.search')}</label>
      <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {error && <p className="alert error" role="alert">{error}</p>}
      {items === null && !error && <p className="muted" role="status">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('promptHelp.historyEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="prompt-help-list">
          {items.map((p) => (
            <li key={p.prompt}>
              <span className="prompt-help-text">{p.prompt}</span>
              <span className="muted small">{t('promptHelp.uses', { n: p.uses })}</span>
              <button type="button" className="button" aria-label={t('promptHelp.useNamed', { prompt: p.prompt.slice(0, 80) })} onClick={() => onPick(p.prompt)}>
                {t('promptHelp.use')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
