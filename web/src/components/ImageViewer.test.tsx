import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import { messages } from '../i18n/messages';
import { ImageViewer } from './ImageViewer';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const urls = { content: '/api/v1/assets/a1/content', thumbnail: '/api/v1/assets/a1/thumbnail' };

function show(locale: 'en' | 'zh', image: Parameters<typeof ImageViewer>[0]['image']) {
  render(
    <I18nProvider locale={locale}>
      <ImageViewer image={image} onClose={() => undefined} />
    </I18nProvider>,
  );
}

describe('the image viewer', () => {
  it('says when an image carries Content Credentials, in English and Chinese', () => {
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true });
    expect(screen.getByText('Content Credentials present')).toBeTruthy();
    cleanup();
    show('zh', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true });
    expect(screen.getByText(messages.zh['viewer.contentCredentials']!)).toBeTruthy();
  });

  it('says nothing of them for an image without', () => {
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'upload' });
    expect(screen.queryByText('Content Credentials present')).toBeNull();
  });

  it('asks the server for an output\'s details it was not given', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true }), {
      status: 200, headers: { 'content-type': 'application/json' },
    }));
    vi.stubGlobal('fetch', fetch);
    show('en', { id: 'a1', urls, width: 64, height: 48 });
    expect(await screen.findByText('Content Credentials present')).toBeTruthy();
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain('/assets/a1');
  });

  it('sets and clears "Never use for training" on the image, showing what the server answered', async () => {
    let marked = false;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'PUT' || init?.method === 'DELETE') marked = init.method === 'PUT';
      return new Response(JSON.stringify({ id: 'a1', urls, width: 64, height: 48, kind: 'generated', neverUseForTraining: marked }), {
        status: 200, headers: { 'content-type': 'application/json' },
      });
    });
    vi.stubGlobal('fetch', fetch);
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', neverUseForTraining: false });
    const box = screen.getByRole('checkbox', { name: 'Never use for training' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(true));
    const writes = () => fetch.mock.calls.map((c) => [(c[1] as RequestInit | undefined)?.method ?? 'GET', String(c[0])]).filter(([m]) => m !== 'GET');
    expect(writes()).toEqual([['PUT', '/api/v1/assets/a1/no-training']]);
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(writes()).toEqual([['PUT', '/api/v1/assets/a1/no-training'], ['DELETE', '/api/v1/assets/a1/no-training']]);
  });

  it('says so when an album holding the image keeps it out of training', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ id: 'a1', urls, width: 64, height: 48, kind: 'generated', neverUseForTraining: false, inNeverTrainAlbum: true }), {
      status: 200, headers: { 'content-type': 'application/json' },
    })));
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', neverUseForTraining: false });
    expect(await screen.findByText(/is in an album marked “Never use for training”/)).toBeTruthy();
  });
});
