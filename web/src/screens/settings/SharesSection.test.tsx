import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { cleanUpApiAfterEach, renderWithApi } from './fake-api.test-support';
import { SharesSection } from './SharesSection';

const base = {
  allowDownload: false, includePrompt: false, hasPassword: false, expiresAt: null, revokedAt: null, createdAt: '2026-03-01T10:00:00Z',
  status: 'active', unavailableReason: null,
};
/** Three links in their documented shapes: an image, an album whose images are all in the trash, a revoked set. */
const LINKS = [
  { ...base, id: 's1', target: { kind: 'asset', id: 'a1' }, viewCount: 7, preview: { assetId: 'a1', text: null, images: 1 } },
  { ...base, id: 's2', target: { kind: 'album', id: 'al1' }, viewCount: 3, status: 'unavailable', unavailableReason: 'in_trash', preview: { assetId: null, text: 'Summer trip', images: 0 } },
  { ...base, id: 's3', target: { kind: 'generation', id: 'g1' }, viewCount: 0, status: 'revoked', revokedAt: '2026-03-02T10:00:00Z', preview: { assetId: 'a9', text: 'two foxes under snow', images: 2 } },
];

const show = (locale: 'en' | 'zh' = 'en') => renderWithApi(<SharesSection />, ({ method, path }, json) => {
  if (path === '/shares' && method === 'GET') return json(200, { items: LINKS });
  if (path === '/shares/s2' && method === 'DELETE') return json(204);
  return undefined;
}, locale);

cleanUpApiAfterEach();

const item = async (text: string) => (await screen.findByText(text)).closest('li')!;

describe('Settings → Shared links', () => {
  it('tells the links apart: their image, album name or set prompt, images and views', async () => {
    show();
    const image = (await screen.findAllByRole('listitem'))[0]!;
    expect(image.querySelector('img')!.getAttribute('src')).toBe('/api/v1/assets/a1/thumbnail');
    expect(image.textContent).toContain('1 image(s) · 7 view(s)');
    expect((await item('Summer trip')).textContent).toContain('3 view(s)');
    expect((await item('two foxes under snow')).textContent).toContain('Revoked');
  });

  it('shows a link whose images are all in the trash as unavailable, says why, and still lets it be revoked', async () => {
    const api = show();
    const album = within(await item('Summer trip'));
    expect(album.getByText('Unavailable')).toBeTruthy();
    expect(album.queryByText('Active')).toBeNull();
    expect(album.getByText('It shows nothing: its images are in the trash. Restore one and the link works again.')).toBeTruthy();
    fireEvent.click(album.getByRole('button', { name: /^Revoke the link to Album Summer trip created / }));
    expect(await album.findByText('Revoked')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/shares/s2')).toBe(true);
  });

  it('speaks Chinese', async () => {
    show('zh');
    const album = within(await item('Summer trip'));
    expect(album.getByText('不可用')).toBeTruthy();
    expect(album.getByText('链接不显示任何内容：其中的图片都在回收站中。恢复任意一张，链接即可重新使用。')).toBeTruthy();
    expect((await item('two foxes under snow')).textContent).toContain('已撤销');
  });
});
