import { useId, useState } from 'react';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { chooseTheme, readTheme, THEMES, type Theme } from './theme';

const LABELS: Record<Theme, MessageKey> = { system: 'theme.system', light: 'theme.light', dark: 'theme.dark' };

/** System, light or dark: kept in this browser. */
export function ThemeSwitch() {
  const t = useT();
  const id = useId();
  const [theme, setTheme] = useState<Theme>(readTheme);
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>{t('theme.label')}</label>
      <select
        id={id}
        className="theme-switch"
        title={t('theme.label')}
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          chooseTheme(next);
          setTheme(next);
        }}
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>{t(LABELS[option])}</option>
        ))}
      </select>
    </>
  );
}
