import { describe, expect, it } from 'vitest';
import type { Page } from '../api/types';
import { listTotalText } from './list-total';
import { KeysetPager } from './keyset-pager';

type Item = { id: string };

/** A fake server over an ordered list, answering pages of `size` after the cursor (the last id seen). */
function server(ids: string[], size: number) {
  const calls: (string | null)[] = [];
  let failNext = false;
  const fetchPage = async (cursor: string | null): Promise<Page<Item>> => {
    calls.push(cursor);
    if (failNext) {
      failNext = false;
      throw new Error('offline');
    }
    const start = cursor === null ? 0 : ids.indexOf(cursor) + 1;
    const items = ids.slice(start, start + size).map((id) => ({ id }));
    const last = items.at(-1);
    return { items, nextCursor: start + size < ids.length && last ? last.id : null };
  };
  return { fetchPage, calls, failOnce: () => (failNext = true), ids };
}

describe('KeysetPager', () => {
  it('keeps the total of the first page, minus what left the list and plus what was added', async () => {
    const pages: Page<Item>[] = [
      { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'b', total: 1000 },
      { items: [{ id: 'c' }], nextCursor: 'c', total: 999 },
    ];
    const pager = new KeysetPager<Item>(async () => pages.shift()!);
    expect(pager.getState().total).toBeNull();
    await pager.loadMore();
    await pager.loadMore();
    expect(pager.getState().total).toBe(1000);
    pager.remove(['a', 'not-listed']);
    expect(pager.getState().total).toBe(999);
    pager.prepend({ id: 'new' });
    expect(pager.getState().total).toBe(1000);
    const unknown = new KeysetPager<Item>(async () => ({ items: [{ id: 'x' }], nextCursor: 'x', total: null }));
    await unknown.loadMore();
    unknown.remove(['x']);
    expect(unknown.getState().total).toBeNull();
  });

  it('keeps a capped or estimated total as it is, and says which it is', async () => {
    const pager = new KeysetPager<Item>(async () => ({ items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'b', total: 10_000, totalAccuracy: 'atLeast' }));
    await pager.loadMore();
    pager.remove(['a']);
    pager.prepend({ id: 'new' });
    pager.prepend({ id: 'newer' });
    expect(pager.getState()).toMatchObject({ total: 10_000, totalAccuracy: 'atLeast' });
    const t = (key: string, vars?: Record<string, string | number>) => `${key}:${vars?.n}`;
    const texts = { all: 'gallery.countAll', atLeast: 'gallery.countAtLeast', about: 'gallery.countAbout', loaded: 'gallery.count' } as const;
    const state = pager.getState();
    expect(listTotalText(t, state, texts)).toBe('gallery.countAtLeast:10,000');
    expect(listTotalText(t, { ...state, totalAccuracy: 'about', total: 1234 }, texts)).toBe('gallery.countAbout:1,234');
    expect(listTotalText(t, { ...state, totalAccuracy: 'exact', total: 3 }, texts)).toBe('gallery.countAll:3');
    expect(listTotalText(t, { ...state, total: null }, texts)).toBe('gallery.count:3');
  });

  it('follows the cursors page by page and stops after the last page', async () => {
    const s = server(['a', 'b', 'c', 'd', 'e'], 2);
    const pager = new KeysetPager(s.fetchPage);

    await pager.loadMore();
    await pager.loadMore();
    await pager.loadMore();
    await pager.loadMore();

    expect(pager.getState().items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pager.getState().done).toBe(true);
    expect(s.calls).toEqual([null, 'b', 'd']);
  });

  it('asks for one page at a time however often it is nudged', async () => {
    const s = server(['a', 'b', 'c', 'd'], 2);
    const pager = new KeysetPager(s.fetchPage);

    await Promise.all([pager.loadMore(), pager.loadMore(), pager.loadMore()]);

    expect(s.calls).toEqual([null]);
    expect(pager.getState().items).toHaveLength(2);
  });

  it('does not show an item twice when it reappears on a later page', async () => {
    const pages: Page<Item>[] = [
      { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'b' },
      { items: [{ id: 'b' }, { id: 'c' }], nextCursor: null },
    ];
    const pager = new KeysetPager<Item>(async () => pages.shift()!);

    await pager.loadMore();
    await pager.loadMore();

    expect(pager.getState().items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the cursor after a failure so the same page is tried again', async () => {
    const s = server(['a', 'b', 'c'], 2);
    const pager = new KeysetPager(s.fetchPage);
    await pager.loadMore();
    s.failOnce();

    await pager.loadMore();
    expect(pager.getState().error).toBeInstanceOf(Error);
    expect(pager.getState().done).toBe(false);

    await pager.loadMore();
    expect(pager.getState().error).toBeNull();
    expect(pager.getState().items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(s.calls).toEqual([null, 'b', 'b']);
  });

  it('ignores the answer of a request made before it was disposed', async () => {
    let resolve!: (page: Page<Item>) => void;
    const pager = new KeysetPager<Item>(() => new Promise((r) => (resolve = r)));
    const loading = pager.loadMore();

    pager.dispose();
    resolve({ items: [{ id: 'late' }], nextCursor: null });
    await loading;

    expect(pager.getState().items).toEqual([]);
  });

  it('loads again after being disposed mid-request, as a StrictMode effect re-run does', async () => {
    const s = server(['a', 'b'], 5);
    let hold = true;
    const pager = new KeysetPager<Item>((cursor) =>
      hold ? new Promise<Page<Item>>(() => {}) : s.fetchPage(cursor),
    );
    void pager.loadMore();
    pager.dispose();
    hold = false;

    await pager.loadMore();

    expect(pager.getState().items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(pager.getState().loading).toBe(false);
  });

  it('updates and removes items in place, telling subscribers', async () => {
    const s = server(['a', 'b', 'c'], 5);
    const pager = new KeysetPager<Item & { fav?: boolean }>(s.fetchPage);
    await pager.loadMore();
    let notified = 0;
    pager.subscribe(() => notified++);

    pager.update('b', (i) => ({ ...i, fav: true }));
    pager.remove(['a']);

    expect(pager.getState().items).toEqual([{ id: 'b', fav: true }, { id: 'c' }]);
    expect(notified).toBe(2);
  });
});
