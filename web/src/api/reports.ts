import { api, unwrap, type Answer, type Body } from './client';

export type AdminReport = Answer<'/api/v1/admin/reports', 'get'>['items'][number];
export type ReportAction = 'dismiss' | 'remove' | 'warn' | 'suspend';
export type ReportReason = Body<'/api/v1/reports', 'post'>['reason'];
/** The reasons a person can pick, in the order the form lists them (type-checked against the contract's). */
export const REPORT_REASONS = ['sexual', 'violence', 'hate', 'harassment', 'illegal', 'copyright', 'other'] as const satisfies readonly ReportReason[];
/** The longest note the contract accepts. */
export const NOTE_MAX = 2000;

const ACTIONS = {
  dismiss: '/api/v1/admin/reports/{id}/dismiss',
  remove: '/api/v1/admin/reports/{id}/remove',
  warn: '/api/v1/admin/reports/{id}/warn',
  suspend: '/api/v1/admin/reports/{id}/suspend',
} as const satisfies Record<ReportAction, string>;

export const reportsApi = {
  /** Report an image of a share link; answers the same report when this person already has one open for it. */
  create: (body: Body<'/api/v1/reports', 'post'>) => unwrap(api.POST('/api/v1/reports', { body })),
  openQueue: () => unwrap(api.GET('/api/v1/admin/reports', { params: { query: { status: 'open' } } })).then((r) => r.items),
  act: (id: string, action: ReportAction) => unwrap(api.POST(ACTIONS[action], { params: { path: { id } } })),
};
