import { useEffect, useId, useState, type FormEvent } from 'react';
import { fillTemplate } from '@atelier/common/template-variables';
import { promptsApi, type Snippet } from '../../api/prompts';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../Dialog';

/** Saved prompts and templates: use one (filling in its {{variables}} first), save the current prompt, delete. */
export function SnippetsDialog({ prompt, onPick, onClose }: { prompt: string; onPick(prompt: string): void; onClose(): void }) {
  const t = useT();
  const id = useId();
  const [items, setItems] = useState<Snippet[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filling, setFilling] = useState<Snippet | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const fail = (err: unknown) => setError(errorText(t, err));
  useEffect(() => {
    promptsApi.snippets().then((r) => setItems(r.items), (err) => setError(errorText(t, err)));
  }, [t]);

  function use(snippet: Snippet) {
    if (snippet.variables.length === 0) return onPick(snippet.text);
    setValues({});
    setFilling(snippet);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const saved = await promptsApi.saveSnippet(name, prompt);
      setItems((list) => [...(list ?? []), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setName('');
      setNotice(t('promptHelp.saved'));
    } catch (err) {
      fail(err);
    }
  }

  async function remove(snippet: Snippet) {
    try {
      await promptsApi.deleteSnippet(snippet.id);
      setItems((list) => list?.filter((s) => s.id !== snippet.id) ?? null);
    } catch (err) {
      fail(err);
    }
  }

  if (filling) {
    return (
      <Dialog title={t('promptHelp.fillTitle', { name: filling.name })} onClose={onClose}
        footer={<>
          <button type="button" className="button" onClick={() => setFilling(null)}>{t('promptHelp.back')}</button>
          <button type="submit" form={`${id}-fill`} className="button primary">{t('promptHelp.insert')}</button>
        </>}>
        <form id={`${id}-fill`} className="stack-form" onSubmit={(e) => { e.preventDefault(); onPick(fillTemplate(filling.text, values)); }}>
          <p className="muted">{filling.text}</p>
          {filling.variables.map((v, i) => (
            <div key={v} className="field">
              <label htmlFor={`${id}-v${i}`}>{v}</label>
              <input id={`${id}-v${i}`} value={values[v] ?? ''} autoFocus={i === 0} onChange={(e) => setValues({ ...values, [v]: e.target.value })} />
            </div>
          ))}
        </form>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('promptHelp.snippetsTitle')} onClose={onClose} wide>
      {error && <p className="alert error" role="alert">{error}</p>}
      {items === null && !error && <p className="muted" role="status">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('promptHelp.snippetsEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="prompt-help-list">
          {items.map((s) => (
            <li key={s.id}>
              <span className="prompt-help-text"><strong>{s.name}</strong> <span className="muted">{s.text}</span></span>
              <button type="button" className="button" aria-label={t('promptHelp.useNamed', { prompt: s.name })} onClick={() => use(s)}>{t('promptHelp.use')}</button>
              <button type="button" className="button ghost" aria-label={t('promptHelp.deleteNamed', { name: s.name })} onClick={() => void remove(s)}>{t('promptHelp.delete')}</button>
            </li>
          ))}
        </ul>
      )}
      <h3 className="prompt-help-save-title">{t('promptHelp.saveTitle')}</h3>
      {prompt.trim() ? (
        <form className="row" onSubmit={(e) => void save(e)}>
          <label className="visually-hidden" htmlFor={`${id}-name`}>{t('promptHelp.name')}</label>
          <input id={`${id}-name`} placeholder={t('promptHelp.name')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button" disabled={!name.trim()}>{t('promptHelp.save')}</button>
        </form>
      ) : (
        <p className="muted">{t('promptHelp.needPrompt')}</p>
      )}
      <p role="status" className={notice ? 'muted' : 'visually-hidden'}>{notice ?? ''}</p>
    </Dialog>
  );
}
