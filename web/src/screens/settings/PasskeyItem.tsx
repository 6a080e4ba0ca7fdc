import { useId, useState, type FormEvent } from 'react';
import type { Passkey } from '../../api/passkeys';
import { useI18n } from '../../i18n/i18n';
import { formatDate } from './use-action';

interface Props {
  passkey: Passkey;
  busy: boolean;
  onRename: (name: string) => Promise<boolean>;
  onRemove: () => void;
}

/** One passkey: its name and dates, renamed in place or removed. */
export function PasskeyItem({ passkey, busy, onRename, onRemove }: Props) {
  const { t, locale } = useI18n();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && (await onRename(name.trim()))) setEditing(false);
  };

  if (editing) {
    return (
      <li className="session-item">
        <form className="passkey-rename" onSubmit={(e) => void save(e)}>
          <label htmlFor={`${id}-name`}>{t('passkeys.name')}</label>
          <input id={`${id}-name`} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit" className="button primary" disabled={busy || !name.trim()}>{t('passkeys.save')}</button>
          <button type="button" className="button" onClick={() => setEditing(false)}>{t('passkeys.cancel')}</button>
        </form>
      </li>
    );
  }
  return (
    <li className="session-item">
      <div>
        <strong>{passkey.name}</strong>
        {passkey.backedUp && <span className="badge">{t('passkeys.synced')}</span>}
        <p className="muted">{t('passkeys.line', { created: formatDate(passkey.createdAt, locale), used: formatDate(passkey.lastUsedAt, locale) })}</p>
      </div>
      <div className="passkey-actions">
        <button type="button" className="button" disabled={busy} onClick={() => setEditing(true)} aria-label={t('passkeys.renameNamed', { name: passkey.name })}>
          {t('passkeys.rename')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={onRemove} aria-label={t('passkeys.removeNamed', { name: passkey.name })}>
          {t('passkeys.remove')}
        </button>
      </div>
    </li>
  );
}
