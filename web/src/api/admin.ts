import { api } from './client';

/** GET /admin/engines: each configured engine with its health over the last 24 hours. */
export interface EngineHealthReport {
  calls: number;
  errors: number;
  refusals: number;
  errorRate: number;
  lastSuccessAt: string | null;
  lastError: { at: string; code: string | null; httpStatus: number | null; detail: string | null } | null;
}

export interface AdminEngine {
  id: string;
  name: string;
  model: string | null;
  neural: boolean;
  health: EngineHealthReport;
}

/** GET /admin/analytics: one row per day, totals only (no user identifier). */
export interface AnalyticsDay {
  date: string;
  visitors: number;
  features: Record<string, number>;
  engines: Record<string, number>;
  styles: Record<string, number>;
  sizes: Record<string, number>;
}

/** GET /admin/outbox: every email, newest first. */
export interface OutboxMessage {
  id: string;
  to: string;
  type: string;
  essential: boolean;
  subject: string;
  text: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const adminApi = {
  engines: () => api<{ items: AdminEngine[] }>('GET', '/admin/engines').then((r) => r.items),
  analytics: (days = 30) => api<{ days: AnalyticsDay[] }>('GET', '/admin/analytics', { query: { days } }).then((r) => r.days),
  outbox: (limit = 100) => api<{ items: OutboxMessage[] }>('GET', '/admin/outbox', { query: { limit } }).then((r) => r.items),
};
