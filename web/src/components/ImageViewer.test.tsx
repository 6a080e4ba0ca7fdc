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

  it('says an upload is being checked, in English and Chinese', () => {
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'upload', checking: true });
    expect(screen.getByText(/^Being checked… The image check is looking at this upload/)).toBeTruthy();
    cleanup();
    show('zh', { id: 'a1', urls, width: 64, height: 48, kind: 'upload', checking: true });
    expect(screen.getByText(new RegExp(`^${messages.zh['image.checking']!}`))).toBeTruthy();
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

  it('zooms with + − 0, pans with the arrows only while zoomed, and steps between images otherwise', () => {
    const steps: string[] = [];
    render(
      <I18nProvider locale="en">
        <ImageViewer
          image={{ id: 'a1', urls, width: 64, height: 48, kind: 'generated' }}
          onClose={() => undefined} onPrevious={() => steps.push('previous')} onNext={() => steps.push('next')}
        />
      </I18nProvider>,
    );
    const content = () => (screen.getByTestId('zoom-stage').firstElementChild as HTMLElement).style.transform;
    const scale = () => screen.getByRole('status').textContent;
    expect(screen.getByRole('status').tagName).toBe('OUTPUT');
    fireEvent.keyDown(window, { key: '+' });
    expect(scale()).toBe('150%');
    expect(content()).toContain('scale(1.5)');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(steps).toEqual([]);
    expect(content()).not.toContain('translate(0px, 0px)');
    fireEvent.keyDown(window, { key: '0' });
    expect(scale()).toBe('100%');
    expect(content()).toBe('translate(0px, 0px) scale(1)');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(steps).toEqual(['next']);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    fireEvent.keyDown(window, { key: '-' });
    expect(scale()).toBe('100%');
    expect(screen.getByRole('button', { name: 'Zoom out' })).toHaveProperty('disabled', true);
  });

  it('compares an edit with its source under a slider', () => {
    show('en', { id: 'a2', urls, width: 64, height: 48, kind: 'edited', parentId: 'src1' });
    fireEvent.click(screen.getByRole('button', { name: 'Compare with source' }));
    expect(screen.getByRole('button', { name: 'Compare with source' }).getAttribute('aria-pressed')).toBe('true');
    const source = screen.getByAltText('The source image this edit was made from') as HTMLImageElement;
    expect(source.getAttribute('src')).toContain('/assets/src1/content');
    fireEvent.change(screen.getByLabelText('Source shown up to'), { target: { value: '30' } });
    expect((source.parentElement as HTMLElement).style.getPropertyValue('--compare-at')).toBe('30%');
  });

  it('offers no comparison for an image without a source', () => {
    show('en', { id: 'a1', urls, width: 64, height: 48, kind: 'upload' });
    expect(screen.queryByRole('button', { name: 'Compare with source' })).toBeNull();
  });
});
