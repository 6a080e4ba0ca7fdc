import { useId, useState, type KeyboardEvent } from 'react';
import { assetsApi } from '../api/assets';
import type { Asset } from '../api/types';
import { errorText } from '../i18n/error-text';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';

interface TagEditorProps {
  assetId: string;
  initial: string[];
  onClose(): void;
  onSaved(asset: Asset): void;
}

export function normaliseTag(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 40);
}

/** Edits one image's tags: chips with remove buttons, a text box that adds on Enter or comma. */
export function TagEditor({ assetId, initial, onClose, onSaved }: TagEditorProps) {
  const t = useT();
  const inputId = useId();
  const [tags, setTags] = useState<string[]>(initial);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function addDraft(): string[] {
    const tag = normaliseTag(draft);
    setDraft('');
    if (!tag || tags.includes(tag)) return tags;
    const next = [...tags, tag];
    setTags(next);
    return next;
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addDraft();
    }
  }

  async function save() {
    const final = draft.trim() ? addDraft() : tags;
    setBusy(true);
    setError(null);
    try {
      onSaved(await assetsApi.setTags(assetId, final));
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('tags.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>{t('common.save')}</button>
        </>
      }
    >
      {error && <p className="alert error" role="alert">{error}</p>}
      {tags.length === 0 ? (
        <p className="muted">{t('tags.none')}</p>
      ) : (
        <ul className="chip-list">
          {tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              <button type="button" className="button ghost icon-button" aria-label={t('tags.remove', { tag })} onClick={() => setTags(tags.filter((x) => x !== tag))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>{t('tags.input')}</label>
        <input id={inputId} value={draft} maxLength={40} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} aria-describedby={`${inputId}-hint`} />
        <span id={`${inputId}-hint`} className="field-hint">{t('tags.hint')}</span>
      </div>
    </Dialog>
  );
}
