import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ShareDialog, type ShareTarget } from './ShareDialog';

/** A "Share" button that opens the share dialog for a set or an album. */
export function ShareButton({ target, className = 'button' }: { target: ShareTarget; className?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>{t('share.action')}</button>
      {open && <ShareDialog target={target} onClose={() => setOpen(false)} />}
    </>
  );
}
