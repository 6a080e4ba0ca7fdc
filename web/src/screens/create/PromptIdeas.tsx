import { useT } from '../../i18n/i18n';

/** Example prompts, in the interface's language, that the built-in engine draws well. */
export const IDEA_KEYS = ['create.idea1', 'create.idea2', 'create.idea3', 'create.idea4', 'create.idea5', 'create.idea6'] as const;

/** A row of example prompts under an empty prompt box: picking one fills the box, ready to generate or change. */
export function PromptIdeas({ onPick }: { onPick: (prompt: string) => void }) {
  const t = useT();
  return (
    <div className="prompt-ideas" role="group" aria-label={t('create.ideas')}>
      <span className="field-hint" aria-hidden="true">{t('create.ideas')}</span>
      {IDEA_KEYS.map((key) => (
        <button key={key} type="button" className="idea" onClick={() => onPick(t(key))}>{t(key)}</button>
      ))}
    </div>
  );
}
