import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { cleanUpApiAfterEach, renderWithApi } from './fake-api.test-support';
import { ProviderKeysSection } from './ProviderKeysSection';

const SEEDREAM = { id: 'k1', provider: 'seedream', masked: '••••3f9a', baseUrl: null, monthlyImageCap: 100, imagesThisMonth: 12, createdAt: '2026-01-01T00:00:00Z' };

/** The provider-key endpoints in their documented shapes. */
const show = (allowed = true, locale: 'en' | 'zh' = 'en') => renderWithApi(<ProviderKeysSection />, ({ method, path, body }, json) => {
  if (path === '/me/provider-keys' && method === 'GET') return json(200, { items: allowed ? [SEEDREAM] : [], allowed, providers: ['seedream', 'openai'] });
  if (path === '/me/provider-keys' && method === 'POST') {
    if (body.key === 'sk-refused-key') return json(400, { error: { code: 'VALIDATION_FAILED', message: 'OpenAI refused this key (HTTP 401 invalid_api_key).', details: { field: 'key' } } });
    return json(201, { ...SEEDREAM, id: 'k2', provider: body.provider, masked: `••••${body.key.slice(-4)}`, baseUrl: body.baseUrl ?? null, monthlyImageCap: body.monthlyImageCap, imagesThisMonth: 0 });
  }
  if (path === '/me/provider-keys/k1' && method === 'PATCH') return json(200, { ...SEEDREAM, monthlyImageCap: body.monthlyImageCap });
  if (path === '/me/provider-keys/k1' && method === 'DELETE') return json(204, undefined);
  return undefined;
}, locale);

cleanUpApiAfterEach();

describe('Settings → Your provider keys', () => {
  it('lists keys masked with this month\'s use, and adds an OpenAI-compatible key with its base URL and cap', async () => {
    const api = show();
    expect(await screen.findByText('••••3f9a')).toBeTruthy();
    expect(screen.getByText('12 of 100 images this month')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Engine'), { target: { value: 'openai' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-my-own-key-77aa' } });
    fireEvent.change(screen.getByLabelText('Base URL (optional, OpenAI-compatible servers only)'), { target: { value: 'https://llm.example/v1' } });
    fireEvent.change(screen.getByLabelText('Monthly cap in images (optional)'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    expect(await screen.findByText('••••77aa')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')!.body).toEqual({ provider: 'openai', key: 'sk-my-own-key-77aa', baseUrl: 'https://llm.example/v1', monthlyImageCap: 50 });
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
  });

  it('shows the provider\'s refusal in plain words', async () => {
    show();
    await screen.findByText('••••3f9a');
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-refused-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('refused this key');
  });

  it('removes the cap and the key', async () => {
    const api = show();
    fireEvent.change(await screen.findByLabelText('Monthly cap of your Seedream key'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save cap' }));
    expect(await screen.findByText('12 images this month')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PATCH')!.body).toEqual({ monthlyImageCap: null });
    fireEvent.click(screen.getByRole('button', { name: 'Remove your Seedream key' }));
    expect(await screen.findByText('No keys yet: the server\'s keys are used.')).toBeTruthy();
  });

  it('says when the plan does not allow own keys, in Chinese too', async () => {
    show(false, 'zh');
    expect(await screen.findByText('你的套餐不包含使用自己的服务商密钥。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '校验并保存密钥' })).toBeNull();
  });
});
