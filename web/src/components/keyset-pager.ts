import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Page, TotalAccuracy } from '../api/types';

export type FetchPage<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

export interface PagerState<T> {
  items: T[];
  /** True once the server answered a page with no next cursor. */
  done: boolean;
  loading: boolean;
  error: unknown;
  /** True until the first page arrived (or failed). */
  initial: boolean;
  /** How many match in all, as the first page said (kept up to date with remove and prepend); null: unknown. */
  total: number | null;
  /** How the server found the total; only an exact one follows remove and prepend. */
  totalAccuracy: TotalAccuracy;
}

/**
 * Infinite scroll over keyset cursors: asks for the next page only when none is in flight, appends items it has
 * not seen (a row that moved between pages is not shown twice), and stops at the last page. An error keeps the
 * cursor, so loadMore() tries the same page again.
 */
export class KeysetPager<T extends { id: string }> {
  private state: PagerState<T> = { items: [], done: false, loading: false, error: null, initial: true, total: null, totalAccuracy: 'exact' };
  private cursor: string | null = null;
  private seen = new Set<string>();
  private controller: AbortController | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchPage: FetchPage<T>) {}

  getState = (): PagerState<T> => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PagerState<T>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  async loadMore(): Promise<void> {
    if (this.state.loading || this.state.done) return;
    const controller = new AbortController();
    this.controller = controller;
    this.set({ loading: true, error: null });
    try {
      const page = await this.fetchPage(this.cursor, controller.signal);
      if (controller.signal.aborted) return;
      const fresh = page.items.filter((item) => !this.seen.has(item.id));
      for (const item of fresh) this.seen.add(item.id);
      const first = this.cursor === null;
      const total = first ? page.total ?? null : this.state.total;
      const totalAccuracy = first ? page.totalAccuracy ?? 'exact' : this.state.totalAccuracy;
      this.cursor = page.nextCursor;
      this.set({ items: [...this.state.items, ...fresh], done: page.nextCursor === null, loading: false, initial: false, total, totalAccuracy });
    } catch (err) {
      if (controller.signal.aborted) return;
      this.set({ loading: false, error: err, initial: false });
    }
  }

  /** Replaces one item (after a change made on this screen). */
  update(id: string, replace: (item: T) => T): void {
    this.set({ items: this.state.items.map((item) => (item.id === id ? replace(item) : item)) });
  }

  /** Puts a new item at the top (a re-run started from this list). */
  prepend(item: T): void {
    if (this.seen.has(item.id)) return;
    this.seen.add(item.id);
    this.set({ items: [item, ...this.state.items], total: this.adjustedTotal(1) });
  }

  /** Drops items that left this list (deleted, restored, moved out of a filter). */
  remove(ids: Iterable<string>): void {
    const gone = new Set(ids);
    if (gone.size === 0) return;
    const items = this.state.items.filter((item) => !gone.has(item.id));
    const removed = this.state.items.length - items.length;
    this.set({ items, total: this.adjustedTotal(-removed) });
  }

  private adjustedTotal(change: number): number | null {
    const { total, totalAccuracy } = this.state;
    return total === null || totalAccuracy !== 'exact' ? total : Math.max(0, total + change);
  }

  /**
   * Stops any request in flight (its answer is ignored) and leaves the pager able to load again: React's
   * StrictMode disposes and re-runs the effect once, and the second run must not find a stale "loading".
   */
  dispose(): void {
    if (!this.controller || this.controller.signal.aborted) return;
    this.controller.abort();
    if (this.state.loading) this.set({ loading: false });
  }
}

/**
 * A pager for the current filter: a new one (starting at the first page) whenever `key` changes. The fetcher is
 * read when the pager is made, so it should depend only on what `key` captures.
 */
export function useKeysetPager<T extends { id: string }>(key: string, fetchPage: FetchPage<T>): [PagerState<T>, KeysetPager<T>] {
  const pager = useMemo(() => new KeysetPager<T>(fetchPage), [key]);
  useEffect(() => {
    void pager.loadMore();
    return () => pager.dispose();
  }, [pager]);
  const state = useSyncExternalStore(pager.subscribe, pager.getState, pager.getState);
  return [state, pager];
}
