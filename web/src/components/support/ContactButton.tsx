import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ContactDialog } from './ContactDialog';

/** Opens "Contact the operator" (for a signed-in person). */
export function ContactButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>{t('support.contact')}</button>
      {open && <ContactDialog onClose={() => setOpen(false)} />}
    </>
  );
}
