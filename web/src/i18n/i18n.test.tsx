import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { I18nProvider, translate, useT } from './i18n';
import { messages } from './messages';

describe('i18n', () => {
  it('fills {placeholders} and falls back to English for a key a language lacks', () => {
    const original = messages.zh['error.generic'];
    delete messages.zh['error.generic'];
    try {
      expect(translate('zh', 'error.generic')).toBe(messages.en['error.generic']);
    } finally {
      messages.zh['error.generic'] = original;
    }
    messages.en['common.loading'] = 'Loading {what} of {n}';
    try {
      expect(translate('en', 'common.loading', { what: 'images', n: 3 })).toBe('Loading images of 3');
    } finally {
      messages.en['common.loading'] = 'Loading…';
    }
  });

  it('renders the chosen language through the provider', () => {
    function Probe() {
      return <span>{useT()('nav.gallery')}</span>;
    }
    render(
      <I18nProvider locale="zh">
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('图库')).toBeTruthy();
  });
});
