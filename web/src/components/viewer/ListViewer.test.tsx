import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { I18nProvider } from '../../i18n/i18n';
import type { ImageRef } from '../image-ref';
import { ImageActions } from '../ImageActions';
import { useListViewer } from './image-list';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ref = (id: string): ImageRef => ({
  id, width: 64, height: 48, kind: 'generated', prompt: `prompt ${id}`, favorite: false, tags: [],
  urls: { content: `/api/v1/assets/${id}/content`, thumbnail: `/api/v1/assets/${id}/thumbnail` },
});

/** A list of two loaded images with a second page of one, and each image's actions menu. */
function Screen({ onDeleted }: { onDeleted(id: string): void }) {
  const [items, setItems] = useState([ref('a'), ref('b')]);
  const viewer = useListViewer({
    items,
    loadMore: items.length < 3 ? () => setTimeout(() => setItems((i) => [...i, ref('c')]), 0) : undefined,
    onDeleted: (id) => { setItems((i) => i.filter((x) => x.id !== id)); onDeleted(id); },
  });
  return (
    <>
      {viewer.provide(items.map((image) => <ImageActions key={image.id} image={image} hide={['favorite']} />))}
      {viewer.view}
    </>
  );
}

function answer(body: object) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

const shown = () => (screen.getByRole('dialog').querySelector('figure img') as HTMLImageElement).getAttribute('src');
const press = (key: string) => act(() => void fireEvent.keyDown(window, { key }));

describe('"Open large" from an image\'s actions menu', () => {
  it('steps through the list it was opened from (loading the next page at the end), favourites with f and trashes with Delete', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string | Request, init?: RequestInit) => {
      const path = String(url instanceof Request ? url.url : url).replace(/^https?:\/\/[^/]+/, '');
      const method = url instanceof Request ? url.method : init?.method ?? 'GET';
      if (method !== 'GET') calls.push(`${method} ${path}`);
      const id = /assets\/(\w)/.exec(path)?.[1] ?? 'a';
      return answer({ ...ref(id), favorite: method === 'PUT' });
    }));
    const deleted: string[] = [];
    render(<I18nProvider locale="en"><Screen onDeleted={(id) => deleted.push(id)} /></I18nProvider>);

    fireEvent.click(screen.getAllByRole('button', { name: 'Actions for this image' })[0]!);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Open large' }));
    expect(shown()).toBe('/api/v1/assets/a/content');
    press('ArrowRight');
    expect(shown()).toBe('/api/v1/assets/b/content');
    press('ArrowRight'); // the last loaded one: the next page comes, and the view steps onto it
    await waitFor(() => expect(shown()).toBe('/api/v1/assets/c/content'));

    press('f');
    await waitFor(() => expect(calls).toContain('PUT /api/v1/assets/c/favorite'));
    await waitFor(() => expect(screen.getByRole('dialog').querySelector('figcaption')!.textContent).toContain('♥'));

    press('Delete');
    await waitFor(() => expect(calls).toContain('DELETE /api/v1/assets/c'));
    await waitFor(() => expect(shown()).toBe('/api/v1/assets/b/content'));
    expect(deleted).toEqual(['c']);
  });
});
