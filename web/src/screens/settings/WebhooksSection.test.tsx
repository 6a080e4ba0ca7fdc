import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { cleanUpApiAfterEach, renderWithApi } from './fake-api.test-support';
import { WebhooksSection } from './WebhooksSection';

const SECRET = `whsec_${'A'.repeat(32)}`;
const OLD = { id: 'w1', url: 'https://old.example/hook', events: ['export.ready'], enabled: true, createdAt: '2026-01-01T00:00:00Z', disabledAt: null };

/** The webhook endpoints in their documented shapes. */
const show = (locale: 'en' | 'zh' = 'en') => renderWithApi(<WebhooksSection />, ({ method, path, body }, json) => {
  if (path === '/me/webhooks' && method === 'GET') return json(200, { items: [OLD] });
  if (path === '/me/webhooks' && method === 'POST') {
    if (body.url.startsWith('http:')) return json(400, { error: { code: 'VALIDATION_FAILED', message: 'This webhook address is refused: use https.' } });
    return json(201, { ...OLD, id: 'w2', url: body.url, events: body.events, secret: SECRET });
  }
  if (path === '/me/webhooks/w1/test') return json(202, { id: 'msg_1', event: 'webhook.test', status: 'pending', attempts: 0, responseCode: null, lastError: null, createdAt: OLD.createdAt, lastAttemptAt: null });
  if (path === '/me/webhooks/w1' && method === 'PATCH') return json(200, { ...OLD, enabled: body.enabled });
  return undefined;
}, locale);

cleanUpApiAfterEach();

describe('Settings → Webhooks', () => {
  it('adds a webhook with the chosen events and shows its secret once', async () => {
    const api = show();
    await screen.findByText('https://old.example/hook');
    fireEvent.change(screen.getByLabelText('Address (https)'), { target: { value: 'https://new.example/hook' } });
    fireEvent.click(screen.getByLabelText('Batch finished batch.completed'));
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByDisplayValue(SECRET)).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')!.body).toEqual({ url: 'https://new.example/hook', events: ['generation.succeeded', 'batch.completed'] });
  });

  it("shows the server's reason for a refused address", async () => {
    show();
    await screen.findByText('https://old.example/hook');
    fireEvent.change(screen.getByLabelText('Address (https)'), { target: { value: 'http://plain.example/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect((await screen.findByRole('alert')).textContent).toContain('use https');
  });

  it('sends a test event and turns a webhook off', async () => {
    const api = show();
    fireEvent.click(await screen.findByRole('button', { name: 'Send test' }));
    expect(await screen.findByText('Test event queued.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByRole('button', { name: 'Turn on' })).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PATCH')!.body).toEqual({ enabled: false });
  });

  it('speaks Chinese', async () => {
    show('zh');
    expect(await screen.findByRole('button', { name: '添加 Webhook' })).toBeTruthy();
  });
});
