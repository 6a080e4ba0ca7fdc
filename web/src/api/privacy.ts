import { api } from './client';

export type ConsentPurpose = 'training' | 'product_emails' | 'analytics';

export interface ConsentState {
  granted: boolean;
  policyVersion: string | null;
  updatedAt: string | null;
}

export interface Consents {
  trainingOffered: boolean;
  consents: Record<ConsentPurpose, ConsentState>;
  history: { purpose: ConsentPurpose; granted: boolean; policyVersion: string | null; at: string }[];
}

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed' | 'expired';

export interface DataExport {
  id: string;
  status: ExportStatus;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  bytes: number | null;
}

export interface PolicyInfo {
  version: string;
  effectiveDate: string;
  url: string;
}

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
