import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import { CHECK_POLL_MS, useCheckingRefresh } from './use-checking-refresh';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const urls = (id: string) => ({ content: `/api/v1/assets/${id}/content`, thumbnail: `/api/v1/assets/${id}/thumbnail` });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('uploads waiting for the image check', () => {
  it('are asked about until the check ends: refreshed when it kept them, dropped when it refused them', async () => {
    vi.useFakeTimers();
    const state: Record<string, 'checking' | 'clean' | 'gone'> = { a1: 'checking', a2: 'checking' };
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      const id = String(url).split('/').pop()!;
      if (state[id] === 'gone') return json(404, { error: { code: 'NOT_FOUND', message: 'Asset not found' } });
      return json(200, { id, urls: urls(id), width: 8, height: 8, kind: 'upload', ...(state[id] === 'checking' ? { checking: true } : {}) });
    }));
    const seen: Array<[string, boolean | null]> = [];
    renderHook(() => useCheckingRefresh(['a1', 'a2'], (id, asset) => seen.push([id, asset ? !asset.checking : null])));

    await act(() => vi.advanceTimersByTimeAsync(CHECK_POLL_MS));
    expect(seen).toEqual([]);
    state.a1 = 'clean';
    state.a2 = 'gone';
    await act(() => vi.advanceTimersByTimeAsync(CHECK_POLL_MS));
    expect(seen.sort()).toEqual([['a1', true], ['a2', null]]);
  });

  it('asks nothing when no upload waits', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderHook(() => useCheckingRefresh([], () => undefined));
    await act(() => vi.advanceTimersByTimeAsync(CHECK_POLL_MS * 3));
    expect(fetch).not.toHaveBeenCalled();
  });
});
