import { useId, useState } from 'react';
import { errorText } from '../i18n/error-text';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import './training-mark.css';

interface TrainingMarkToggleProps {
  /** The mark as the server last answered it; undefined while it is being loaded. */
  checked: boolean | undefined;
  /** What the mark covers here (this image, or every image of the album). */
  hint: MessageKey;
  /** Sends the new mark; the caller keeps what the server answered. */
  onToggle(next: boolean): Promise<void>;
}

/** "Never use for training": a checkbox that keeps images out of the training dataset whatever the consent. */
export function TrainingMarkToggle({ checked, hint, onToggle }: TrainingMarkToggleProps) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(next: boolean) {
    setBusy(true);
    setError(null);
    try {
      await onToggle(next);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="training-mark">
      <label className="check">
        <input type="checkbox" checked={checked ?? false} disabled={busy || checked === undefined} aria-describedby={`${id}-hint`}
          onChange={(e) => void change(e.target.checked)} />
        {' '}{t('trainingMark.label')}
      </label>
      <p id={`${id}-hint`} className="muted small">{t(hint)}</p>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
