import type { Static } from '@sinclair/typebox';
import type { AdminEngineListSchema, EngineHealthReportSchema } from '../../../server/src/engines/schemas';
import type { DayReportSchema } from '../../../server/src/modules/privacy/analytics/schemas';
import type { MessageSchema } from '../../../server/src/modules/privacy/outbox/schemas';
import { api } from './client';

export type EngineHealthReport = Static<typeof EngineHealthReportSchema>;
/** GET /admin/engines: each configured engine with its health over the last 24 hours. */
export type AdminEngine = Static<typeof AdminEngineListSchema>['items'][number];
/** GET /admin/analytics: one row per day, totals only (no user identifier). */
export type AnalyticsDay = Static<typeof DayReportSchema>;
/** GET /admin/outbox: every email, newest first. */
export type OutboxMessage = Static<typeof MessageSchema>;

export const adminApi = {
  engines: () => api<{ items: AdminEngine[] }>('GET', '/admin/engines').then((r) => r.items),
  analytics: (days = 30) => api<{ days: AnalyticsDay[] }>('GET', '/admin/analytics', { query: { days } }).then((r) => r.days),
  outbox: (limit = 100) => api<{ items: OutboxMessage[] }>('GET', '/admin/outbox', { query: { limit } }).then((r) => r.items),
};
