import type { Static } from '@sinclair/typebox';
import type { ConsentPurposeSchema, ConsentViewSchema } from '../../../server/src/modules/privacy/consents/schemas';
import type { ExportSchema } from '../../../server/src/modules/privacy/export/schemas';
import type { PolicyInfoSchema } from '../../../server/src/modules/privacy/policy/schemas';
import { api } from './client';

export type ConsentPurpose = Static<typeof ConsentPurposeSchema>;
export type Consents = Static<typeof ConsentViewSchema>;
export type ConsentState = Consents['consents'][ConsentPurpose];
export type DataExport = Static<typeof ExportSchema>;
export type ExportStatus = DataExport['status'];
export type PolicyInfo = Static<typeof PolicyInfoSchema>;

const exportPath = (id: string) => `/me/exports/${encodeURIComponent(id)}`;

export const privacyApi = {
  consents: () => api<Consents>('GET', '/me/consents'),
  setConsents: (body: Partial<Record<ConsentPurpose, boolean>>) => api<Consents>('PUT', '/me/consents', { body }),
  exports: () => api<{ items: DataExport[] }>('GET', '/me/exports'),
  requestExport: () => api<DataExport>('POST', '/me/exports'),
  exportStatus: (id: string) => api<DataExport>('GET', exportPath(id)),
  /** A plain link target: the browser downloads the zip with the session cookie. */
  exportDownloadUrl: (id: string) => `/api/v1${exportPath(id)}/download`,
  deleteAccount: (password: string) =>
    api<{ status: 'pending_deletion'; purgeAt: string }>('DELETE', '/me', { body: { password } }),
  policy: () => api<PolicyInfo>('GET', '/policy'),
  acknowledgePolicy: (version: string) => api<void>('POST', '/me/policy-acknowledgement', { body: { version } }),
};
