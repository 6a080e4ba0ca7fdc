import { useId, useState, type FormEvent } from 'react';
import { sharesApi, type CreatedShareLink } from '../../api/shares';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Dialog } from '../Dialog';
import './share.css';

/** What is shared: one image, a set (the outputs of one generation) or an album. */
export type ShareTarget = { assetId: string } | { generationId: string } | { albumId: string };

const EXPIRY_DAYS = [1, 7, 30, 90] as const;

function titleKey(target: ShareTarget): MessageKey {
  if ('assetId' in target) return 'share.titleImage';
  return 'generationId' in target ? 'share.titleSet' : 'share.titleAlbum';
}

/** Makes a share link (expiry, password, download, prompt), then shows it once with a copy button. */
export function ShareDialog({ target, onClose }: { target: ShareTarget; onClose(): void }) {
  const t = useT();
  const id = useId();
  const [expiry, setExpiry] = useState('');
  const [password, setPassword] = useState('');
  const [allowDownload, setAllowDownload] = useState(false);
  const [includePrompt, setIncludePrompt] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await sharesApi.create({
        ...target,
        allowDownload,
        includePrompt,
        ...(expiry ? { expiresInDays: Number(expiry) } : {}),
        ...(password ? { password } : {}),
      }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin): the link stays selected in its field for the person to copy.
      document.getElementById(`${id}-url`)?.focus();
    }
  }

  const formId = `${id}-form`;
  return (
    <Dialog
      title={t(titleKey(target))}
      onClose={onClose}
      footer={created ? (
        <button type="button" className="button primary" onClick={onClose}>{t('common.close')}</button>
      ) : (
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form={formId} className="button primary" disabled={busy}>{t('share.create')}</button>
        </>
      )}
    >
      {created ? (
        <div className="share-created">
          <label htmlFor={`${id}-url`}>{t('share.link')}</label>
          <div className="row">
            <input id={`${id}-url`} readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button" onClick={() => void copy()}>{t('share.copy')}</button>
          </div>
          <p className="muted">{t('share.linkOnce')}</p>
          <p role="status" className={copied ? undefined : 'visually-hidden'}>{copied ? t('share.copied') : ''}</p>
        </div>
      ) : (
        <form id={formId} className="share-form" onSubmit={(e) => void submit(e)}>
          <p className="muted">{t('share.intro')}</p>
          {error && <p className="alert error" role="alert">{error}</p>}
          <label htmlFor={`${id}-expiry`}>{t('share.expiry')}</label>
          <select id={`${id}-expiry`} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            <option value="">{t('share.expiryNever')}</option>
            {EXPIRY_DAYS.map((n) => <option key={n} value={n}>{t('share.expiryDays', { n })}</option>)}
          </select>
          <label htmlFor={`${id}-password`}>{t('share.password')}</label>
          <input id={`${id}-password`} type="password" autoComplete="new-password" minLength={4} maxLength={200}
            aria-describedby={`${id}-password-hint`} value={password} onChange={(e) => setPassword(e.target.value)} />
          <p id={`${id}-password-hint`} className="muted small">{t('share.passwordHint')}</p>
          <label className="check">
            <input type="checkbox" checked={allowDownload} onChange={(e) => setAllowDownload(e.target.checked)} /> {t('share.allowDownload')}
          </label>
          <label className="check">
            <input type="checkbox" checked={includePrompt} aria-describedby={`${id}-prompt-hint`} onChange={(e) => setIncludePrompt(e.target.checked)} />
            {' '}{t('share.includePrompt')}
          </label>
          <p id={`${id}-prompt-hint`} className="muted small">{t('share.includePromptHint')}</p>
        </form>
      )}
    </Dialog>
  );
}
