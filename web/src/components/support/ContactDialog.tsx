import { useId, useState, type FormEvent } from 'react';
import { supportApi } from '../../api/support';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../Dialog';
import './support.css';

/** The image id in what the person pasted: an id, or a studio or API address that names one. */
export function imageIdFrom(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const named = /\/(?:assets|edit)\/([^/?#]+)/.exec(trimmed);
  return decodeURIComponent(named?.[1] ?? trimmed);
}

/** "Contact the operator": subject, message and optionally an image; the person gets a copy by email. */
export function ContactDialog({ onClose, assetId }: { onClose(): void; assetId?: string }) {
  const t = useT();
  const id = useId();
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [image, setImage] = useState(assetId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const imageId = imageIdFrom(image);
      await supportApi.contact({ subject, message, ...(imageId ? { assetId: imageId } : {}) });
      setSent(true);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  const formId = `${id}-form`;
  return (
    <Dialog
      title={t('support.title')}
      onClose={onClose}
      footer={sent ? (
        <button type="button" className="button primary" onClick={onClose}>{t('common.close')}</button>
      ) : (
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form={formId} className="button primary" disabled={busy}>{t('support.send')}</button>
        </>
      )}
    >
      {sent ? (
        <p className="alert success" role="status">{t('support.sent')}</p>
      ) : (
        <form id={formId} className="stack-form" onSubmit={(e) => void submit(e)}>
          <p className="muted">{t('support.intro')}</p>
          {error && <p className="alert error" role="alert">{error}</p>}
          <label htmlFor={`${id}-subject`}>{t('support.subject')}</label>
          <input id={`${id}-subject`} required maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} />
          <label htmlFor={`${id}-message`}>{t('support.message')}</label>
          <textarea id={`${id}-message`} required maxLength={5000} rows={6} value={message} onChange={(e) => setMessage(e.target.value)} />
          <label htmlFor={`${id}-image`}>{t('support.image')}</label>
          <input id={`${id}-image`} aria-describedby={`${id}-image-hint`} value={image} onChange={(e) => setImage(e.target.value)} />
          <p id={`${id}-image-hint`} className="muted small">{t('support.imageHint')}</p>
        </form>
      )}
    </Dialog>
  );
}
