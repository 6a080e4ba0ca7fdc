import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { PromptHelp } from './PromptHelp';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('prompt help', () => {
  it('fills a template\'s variables and puts the prompt in the box', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({
      items: [{ id: 's1', name: 'Portrait', text: 'a portrait of {{subject}} at {{time}}', variables: ['subject', 'time'], createdAt: '', updatedAt: '' }],
    })));
    const picked: string[] = [];
    render(<I18nProvider locale="en"><PromptHelp prompt="" onPick={(p) => picked.push(p)} /></I18nProvider>);
    fireEvent.click(screen.getByRole('button', { name: 'Snippets' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use: Portrait' }));
    fireEvent.change(screen.getByLabelText('subject'), { target: { value: 'an old sailor' } });
    fireEvent.change(screen.getByLabelText('time'), { target: { value: 'dawn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Insert' }));
    expect(picked).toEqual(['a portrait of an old sailor at dawn']);
  });

  it('searches the prompt history and picks one (in Chinese too)', async () => {
    const fetchMock = vi.fn(async (url: string) => json({ items: url.includes('q=fox') ? [{ prompt: 'a red fox', lastUsedAt: '', uses: 2 }] : [] }));
    vi.stubGlobal('fetch', fetchMock);
    const picked: string[] = [];
    render(<I18nProvider locale="zh"><PromptHelp prompt="" onPick={(p) => picked.push(p)} /></I18nProvider>);
    fireEvent.click(screen.getByRole('button', { name: '提示词历史' }));
    await screen.findByText('没有找到提示词。');
    fireEvent.change(screen.getByLabelText('搜索你的提示词'), { target: { value: 'fox' } });
    fireEvent.click(await screen.findByRole('button', { name: '使用：a red fox' }));
    expect(picked).toEqual(['a red fox']);
  });
});
