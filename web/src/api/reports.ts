import type { Static } from '@sinclair/typebox';
import type { AdminReportSchema, CreateReportBody, ReportAction, ReportReceipt } from '../../../server/src/modules/reports/schemas';
import { api } from './client';

export type AdminReport = Static<typeof AdminReportSchema>;
export type { ReportAction };
export type ReportReason = Static<typeof CreateReportBody>['reason'];
/** The reasons a person can pick, in the order the form lists them (type-checked against the server's). */
export const REPORT_REASONS = ['sexual', 'violence', 'hate', 'harassment', 'illegal', 'copyright', 'other'] as const satisfies readonly ReportReason[];

export const reportsApi = {
  /** Report an image of a share link; answers the same report when this person already has one open for it. */
  create: (body: Static<typeof CreateReportBody>) => api<Static<typeof ReportReceipt>>('POST', '/reports', { body }),
  openQueue: () => api<{ items: AdminReport[] }>('GET', '/admin/reports', { query: { status: 'open' } }).then((r) => r.items),
  act: (id: string, action: ReportAction) => api<AdminReport>('POST', `/admin/reports/${encodeURIComponent(id)}/${action}`),
};
