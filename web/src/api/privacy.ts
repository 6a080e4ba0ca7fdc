import { api, byId, unwrap, type Answer } from './client';

export type Consents = Answer<'/api/v1/me/consents', 'get'>;
export type ConsentPurpose = keyof Consents['consents'];
export type ConsentState = Consents['consents'][ConsentPurpose];
export type DataExport = Answer<'/api/v1/me/exports/{id}', 'get'>;
export type ExportStatus = DataExport['status'];
export type PolicyInfo = Answer<'/api/v1/policy', 'get'>;

export const privacyApi = {
  consents: () => unwrap(api.GET('/api/v1/me/consents')),
  setConsents: (body: Partial<Record<ConsentPurpose, boolean>>) => unwrap(api.PUT('/api/v1/me/consents', { body })),
  exports: () => unwrap(api.GET('/api/v1/me/exports')),
  requestExport: () => unwrap(api.POST('/api/v1/me/exports')),
  exportStatus: (id: string) => unwrap(api.GET('/api/v1/me/exports/{id}', byId(id))),
  /** A plain link target: the browser downloads the zip with the session cookie. */
  exportDownloadUrl: (id: string) => `/api/v1/me/exports/${encodeURIComponent(id)}/download`,
  deleteAccount: (password: string) => unwrap(api.DELETE('/api/v1/me', { body: { password } })),
  policy: () => unwrap(api.GET('/api/v1/policy')),
  acknowledgePolicy: (version: string) => unwrap(api.POST('/api/v1/me/policy-acknowledgement', { body: { version } })),
};
