import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import '../support/support.css';
import { PromptHistoryDialog } from './PromptHistoryDialog';
import { SnippetsDialog } from './SnippetsDialog';
import './prompt-help.css';

/** Under the prompt box in Create: the person's prompt history and their saved snippets and templates. */
export function PromptHelp({ prompt, onPick }: { prompt: string; onPick(prompt: string): void }) {
  const t = useT();
  const [open, setOpen] = useState<'history' | 'snippets' | null>(null);
  const pick = (text: string) => {
    setOpen(null);
    onPick(text);
  };
  return (
    <div className="prompt-help">
      <button type="button" className="link-button" onClick={() => setOpen('history')}>{t('promptHelp.history')}</button>
      <button type="button" className="link-button" onClick={() => setOpen('snippets')}>{t('promptHelp.snippets')}</button>
      {open === 'history' && <PromptHistoryDialog onPick={pick} onClose={() => setOpen(null)} />}
      {open === 'snippets' && <SnippetsDialog prompt={prompt} onPick={pick} onClose={() => setOpen(null)} />}
    </div>
  );
}
