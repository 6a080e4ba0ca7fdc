import { useId } from 'react';
import { accountApi } from '../../api/account';
import type { User } from '../../api/types';
import { useSession, useUser } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { useAction } from './use-action';

type PreferenceKey = keyof User['preferences'];

/** Saved as soon as a box is ticked. */
export function PreferencesSection() {
  const t = useT();
  const id = useId();
  const user = useUser();
  const { setUser } = useSession();
  const action = useAction();

  const toggle = (key: PreferenceKey, value: boolean) =>
    void action.run(async () => {
      setUser({ ...user, ...(await accountApi.update({ preferences: { [key]: value } })) });
    });

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.preferences')}</h2>
      <label className="checkbox">
        <input type="checkbox" checked={user.preferences.embedPromptInImages} disabled={action.busy} onChange={(e) => toggle('embedPromptInImages', e.target.checked)} />
        {t('settings.embedPrompt')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={user.preferences.watermarkByDefault} disabled={action.busy} onChange={(e) => toggle('watermarkByDefault', e.target.checked)} />
        {t('settings.watermarkDefault')}
      </label>
      <div aria-live="polite">
        {action.error !== null && <p className="alert error" role="alert">{errorText(t, action.error)}</p>}
        {action.done && <p className="alert success">{t('settings.saved')}</p>}
      </div>
    </section>
  );
}
