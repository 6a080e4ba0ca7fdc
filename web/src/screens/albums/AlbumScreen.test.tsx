import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import AlbumScreen from './AlbumScreen';

const album = (neverUseForTraining: boolean) => ({
  id: 'al1', name: 'Private studies', description: '', assetCount: 0, coverAssetId: null, neverUseForTraining,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

/** The album and gallery endpoints in their documented shapes; PATCH answers the album as changed. */
function fakeApi() {
  const patches: unknown[] = [];
  let marked = false;
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const path = url.replace('/api/v1', '');
    if (path === '/albums/al1' && init.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as { neverUseForTraining: boolean };
      patches.push(body);
      marked = body.neverUseForTraining;
    }
    if (path.startsWith('/albums/al1')) return json(album(marked));
    if (path.startsWith('/tags')) return json({ items: [] });
    return json({ items: [], nextCursor: null, total: 0 });
  });
  return { fetch, patches };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Album screen', () => {
  it('marks the whole album "Never use for training" and clears the mark', async () => {
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    // jsdom has no layout: the gallery grid's size watcher does nothing here.
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
    render(<I18nProvider locale="en"><AlbumScreen params={{ id: 'al1' }} /></I18nProvider>);
    const box = (await screen.findByRole('checkbox', { name: 'Never use for training' })) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText(/Keeps every image in this album out of any training dataset/)).toBeTruthy();
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(api.patches).toEqual([{ neverUseForTraining: true }, { neverUseForTraining: false }]);
  });
});
