import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
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
  it('says what an image\'s Content Credentials were found to be, in English and Chinese', () => {
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true, contentCredentialsState: 'valid' });
    expect(screen.getByText('Content Credentials: signed, and this image matches them (signer not checked against a trust list)')).toBeTruthy();
    cleanup();
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true, contentCredentialsState: 'invalid' });
    expect(screen.getByText('Content Credentials present, but broken or not matching this image')).toBeTruthy();
    cleanup();
    // Recorded before they were checked: present, not verified.
    show('zh', { id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true });
    expect(screen.getByText(messages.zh['viewer.contentCredentials.unverified']!)).toBeTruthy();
  });

  it('says nothing of them for an image without', () => {
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'upload' });
    expect(screen.queryByText(/Content Credentials/)).toBeNull();
  });

  it('asks the server for an output\'s details it was not given', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ id: 'a1', urls, width: 64, height: 48, kind: 'generated', contentCredentials: true, contentCredentialsState: 'unverified' }), {
      status: 200, headers: { 'content-type': 'application/json' },
    }));
    vi.stubGlobal('fetch', fetch);
    show('en', { id: 'a1', urls, width: 64, height: 48 });
    expect(await screen.findByText('Content Credentials present (not verified)')).toBeTruthy();
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain('/assets/a1');
  });
});
