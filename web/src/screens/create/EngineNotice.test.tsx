import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { messages } from '../../i18n/messages';
import { EngineNotice } from './EngineNotice';
import { builtinCaps, plainCaps } from './test-engines';

afterEach(cleanup);

describe('the engine notice', () => {
  it('describes the built-in engine in the interface language, and says it is not an AI model', () => {
    render(
      <I18nProvider locale="zh">
        <EngineNotice caps={builtinCaps} id="n" />
      </I18nProvider>,
    );
    expect(screen.getByText(messages.zh['create.builtinDescription']!)).toBeTruthy();
    expect(screen.getByText(messages.zh['create.proceduralNotice']!)).toBeTruthy();
    expect(screen.queryByText(builtinCaps.description!)).toBeNull();
  });

  it('shows another engine’s own description, with no procedural notice', () => {
    render(
      <I18nProvider locale="en">
        <EngineNotice caps={plainCaps} id="n" />
      </I18nProvider>,
    );
    expect(screen.getByText(plainCaps.description!)).toBeTruthy();
    expect(screen.queryByText(messages.en['create.proceduralNotice']!)).toBeNull();
  });
});
