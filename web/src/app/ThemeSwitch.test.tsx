import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import { applyTheme, readTheme } from './theme';
import { ThemeSwitch } from './ThemeSwitch';

afterEach(() => {
  cleanup();
  localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
});

const renderSwitch = (locale: 'en' | 'zh' = 'en') =>
  render(<I18nProvider locale={locale}><ThemeSwitch /></I18nProvider>);

describe('the theme switch', () => {
  it('follows the system until a theme is chosen, then keeps the choice in this browser', () => {
    renderSwitch();
    const select = screen.getByLabelText('Colour theme') as HTMLSelectElement;
    expect(select.value).toBe('system');
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);

    fireEvent.change(select, { target: { value: 'dark' } });
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(readTheme()).toBe('dark');

    // A new page load applies the stored theme before anything renders, and the switch shows it.
    cleanup();
    document.documentElement.removeAttribute('data-theme');
    applyTheme(readTheme());
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    renderSwitch();
    expect((screen.getByLabelText('Colour theme') as HTMLSelectElement).value).toBe('dark');

    fireEvent.change(screen.getByLabelText('Colour theme'), { target: { value: 'system' } });
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(localStorage.getItem('atelier.theme')).toBeNull();
  });

  it('ignores a stored value it does not know, and is labelled in Chinese too', () => {
    localStorage.setItem('atelier.theme', 'sepia');
    expect(readTheme()).toBe('system');
    renderSwitch('zh');
    expect(screen.getByRole('option', { name: '深色' })).toBeTruthy();
    expect(screen.getByLabelText('配色主题')).toBeTruthy();
  });
});
