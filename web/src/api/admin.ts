import { api, unwrap, type Answer } from './client';

/** GET /admin/engines: each configured engine with its health over the last 24 hours. */
export type AdminEngine = Answer<'/api/v1/admin/engines', 'get'>['items'][number];
export type EngineHealthReport = AdminEngine['health'];
/** GET /admin/analytics: one row per day, totals only (no user identifier). */
export type AnalyticsDay = Answer<'/api/v1/admin/analytics', 'get'>['days'][number];
/** GET /admin/outbox: every email, newest first. */
export type OutboxMessage = Answer<'/api/v1/admin/outbox', 'get'>['items'][number];

export const adminApi = {
  engines: () => unwrap(api.GET('/api/v1/admin/engines')).then((r) => r.items),
  analytics: (days = 30) => unwrap(api.GET('/api/v1/admin/analytics', { params: { query: { days } } })).then((r) => r.days),
  outbox: (limit = 100) => unwrap(api.GET('/api/v1/admin/outbox', { params: { query: { limit } } })).then((r) => r.items),
};
