import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AdminReport } from '../../api/reports';
import { cleanUpApiAfterEach, renderWithApi } from '../settings/fake-api.test-support';
import { ReportsSection } from './ReportsSection';

cleanUpApiAfterEach();

const REPORT: AdminReport = {
  id: 'r1', status: 'open', reason: 'hate', note: 'Slur in the caption', createdAt: '2026-12-07T10:00:00Z', resolvedAt: null,
  image: { assetId: 'a1', thumbnailUrl: '/api/v1/admin/reports/r1/thumbnail', prompt: 'a poster with a slogan' },
  reporter: { id: 'u2', email: 'reader@example.test', name: 'Reader' },
  owner: { id: 'u1', email: 'owner@example.test', name: 'Owner', status: 'active', suspensionReason: null },
  history: { reports: { open: 1, warned: 2 }, refusedPrompts: 3, lastRefusedCategory: 'hate', suspensions: 0 },
};

function show() {
  let queue = [REPORT];
  return renderWithApi(<ReportsSection />, ({ method, path }, json) => {
    if (method === 'GET' && path.startsWith('/admin/reports?')) return json(200, { items: queue, nextCursor: null });
    const acted = /^\/admin\/reports\/r1\/(\w+)$/.exec(path);
    if (method === 'POST' && acted) {
      queue = [];
      return json(200, { ...REPORT, status: 'removed' });
    }
    return undefined;
  });
}

describe('Admin → Reports', () => {
  it('shows the image, prompt, reporter and the owner\'s history', async () => {
    show();
    expect(await screen.findByText('a poster with a slogan')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Image' }).getAttribute('src')).toBe('/api/v1/admin/reports/r1/thumbnail');
    expect(screen.getByText('reader@example.test')).toBeTruthy();
    expect(screen.getByText(/Refused prompts: 3/).textContent).toContain('warned 2');
  });

  it('removes the image after asking, and the queue loads again', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const api = show();
    fireEvent.click(await screen.findByRole('button', { name: 'Remove the image' }));
    expect(confirm).toHaveBeenCalled();
    expect(await screen.findByText('No open reports.')).toBeTruthy();
    await waitFor(() => expect(api.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['GET /admin/reports', 'POST /admin/reports/r1/remove', 'GET /admin/reports']));
  });

  it('does nothing when the administrator cancels a suspension', async () => {
    vi.stubGlobal('confirm', vi.fn(() => false));
    const api = show();
    fireEvent.click(await screen.findByRole('button', { name: 'Suspend the owner' }));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
