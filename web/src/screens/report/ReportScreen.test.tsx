import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { cleanUpApiAfterEach, renderWithApi } from '../settings/fake-api.test-support';
import ReportScreen, { reportTarget } from './ReportScreen';

cleanUpApiAfterEach();

/** The screen as the share page's "Report" link opens it. */
function openAt(search: string, answer = (body: any) => ({ status: 201, body: { id: 'r1', reason: body.reason, status: 'open', createdAt: '2026-12-07T00:00:00Z' } as unknown })) {
  window.history.replaceState({}, '', `/report${search}`);
  return renderWithApi(<ReportScreen />, ({ method, path, body }, json) => {
    if (method !== 'POST' || path !== '/reports') return undefined;
    const { status, body: reply } = answer(body);
    return json(status, reply);
  });
}

describe('Report this image', () => {
  it('reads the link and image from the address the share page gives', () => {
    expect(reportTarget('?share=tok_1&asset=a1')).toEqual({ shareToken: 'tok_1', assetId: 'a1' });
    expect(reportTarget('?share=tok_1')).toEqual({ shareToken: 'tok_1' });
    expect(reportTarget('')).toBeUndefined();
  });

  it('sends the chosen reason and note for that image, then thanks the person', async () => {
    const api = openAt('?share=tok_1&asset=a1');
    const send = screen.getByRole('button', { name: 'Send report' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Copyright'));
    fireEvent.change(screen.getByLabelText('What is wrong (optional)'), { target: { value: 'My photo, used without asking.' } });
    fireEvent.click(send);
    expect(await screen.findByText('Thank you. The administrators will review it.')).toBeTruthy();
    expect(api.requests).toEqual([{ method: 'POST', path: '/reports', body: { shareToken: 'tok_1', assetId: 'a1', reason: 'copyright', note: 'My photo, used without asking.' } }]);
    expect(screen.getByRole('link', { name: 'Back to the shared link' }).getAttribute('href')).toBe('/s/tok_1');
  });

  it("shows the server's answer when the link no longer works", async () => {
    openAt('?share=gone', () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'This share link does not exist or no longer shows anything, so there is nothing to report.' } } }));
    fireEvent.click(screen.getByLabelText('Something else'));
    fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no longer shows anything');
    expect(screen.queryByText('Thank you. The administrators will review it.')).toBeNull();
  });

  it('says what to do when opened without a link', () => {
    openAt('');
    expect(screen.getByRole('alert').textContent).toContain('Report');
    expect(screen.queryByRole('button', { name: 'Send report' })).toBeNull();
  });
});
