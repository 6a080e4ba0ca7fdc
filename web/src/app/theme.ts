/**
 * The colour theme: "system" follows the operating system's light or dark preference; "light" and "dark" fix it.
 * The choice is kept in this browser (localStorage) and shown through `data-theme` on <html>, which the design
 * tokens in styles.css read.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_KEY = 'atelier.theme';

const isTheme = (value: unknown): value is Theme => THEMES.includes(value as Theme);

export function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return isTheme(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}

export function chooseTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage may be off (private windows): the theme then lasts for this page only.
  }
  applyTheme(theme);
}
