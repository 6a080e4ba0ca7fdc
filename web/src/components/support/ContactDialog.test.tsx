import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { ContactDialog, imageIdFrom } from './ContactDialog';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('contact the operator', () => {
  it('reads the image id from an id or a studio or API address', () => {
    expect(imageIdFrom('')).toBeUndefined();
    expect(imageIdFrom(' abc ')).toBe('abc');
    expect(imageIdFrom('https://atelier.example/edit/01ab?x=1')).toBe('01ab');
    expect(imageIdFrom('/api/v1/assets/01cd/content')).toBe('01cd');
  });

  it('sends subject, message and image, then says a copy is on its way (in Chinese too)', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 'm1', emailed: true }), { status: 201, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    render(<I18nProvider locale="zh"><ContactDialog onClose={() => {}} /></I18nProvider>);
    fireEvent.change(screen.getByLabelText('主题'), { target: { value: 'Help' } });
    fireEvent.change(screen.getByLabelText('内容'), { target: { value: 'It broke' } });
    fireEvent.change(screen.getByLabelText('与你的某张图片有关（可选）'), { target: { value: '/edit/img-1' } });
    fireEvent.click(screen.getByRole('button', { name: '发送' }));
    await screen.findByText('已发送。副本正发往你的邮箱。');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/support');
    expect(JSON.parse(init.body as string)).toEqual({ subject: 'Help', message: 'It broke', assetId: 'img-1' });
  });
});
