import { api } from './client';

/** Admin endpoints. Their shapes are still settling on the server, so every field beyond a list is optional. */
export interface EngineHealth {
  id: string;
  name?: string;
  status?: string;
  healthy?: boolean;
  [key: string]: unknown;
}

export interface AnalyticsDay {
  day?: string;
  date?: string;
  [key: string]: unknown;
}

export interface OutboxMessage {
  id: string;
  type?: string;
  to?: string;
  subject?: string;
  status?: string;
  createdAt?: string;
  [key: string]: unknown;
}

type Listing<T> = { items?: T[] } | T[];

export const adminApi = {
  engines: () => api<Listing<EngineHealth>>('GET', '/admin/engines'),
  analytics: (days = 30) => api<Record<string, unknown>>('GET', '/admin/analytics', { query: { days } }),
  outbox: () => api<Listing<OutboxMessage>>('GET', '/admin/outbox'),
};

/** Accepts either `{ items: [...] }` or a bare array. */
export function itemsOf<T>(listing: Listing<T> | undefined): T[] {
  if (!listing) return [];
  return Array.isArray(listing) ? listing : (listing.items ?? []);
}
