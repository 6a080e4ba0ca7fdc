import type { Static } from '@sinclair/typebox';
import type {
  AdminUser, AuditEntry, AuthConfigSchema, InvitationSchema, TotpEnrolment,
} from '../../../server/src/modules/auth/account-schemas';
import { api } from './client';
import type { SessionResponse } from './types';

export type AuthConfig = Static<typeof AuthConfigSchema>;
export type AdminUserRow = Static<typeof AdminUser>;
export type AuditRow = Static<typeof AuditEntry>;
export type Invitation = Static<typeof InvitationSchema>;
export type Enrolment = Static<typeof TotpEnrolment>;

/** POST /auth/login answers this instead of a session while the account's second factor is awaited. */
export interface MfaRequired {
  mfaRequired: true;
}

export const isMfaRequired = (r: SessionResponse | MfaRequired): r is MfaRequired => 'mfaRequired' in r;

/** Password reset, email verification, the second login step and the second factor (server modules/auth). */
export const recoveryApi = {
  config: () => api<AuthConfig>('GET', '/auth/config'),
  requestReset: (email: string) => api<{ message: string }>('POST', '/auth/password-reset', { body: { email } }),
  confirmReset: (token: string, password: string) => api<{ ok: true }>('POST', '/auth/password-reset/confirm', { body: { token, password } }),
  verify: (token: string) => api<{ ok: true }>('POST', '/auth/verify', { body: { token } }),
  resendVerification: () => api<void>('POST', '/me/verification'),
  loginMfa: (code: string) => api<SessionResponse>('POST', '/auth/login/mfa', { body: { code } }),
};

export const mfaApi = {
  status: () => api<{ totp: boolean }>('GET', '/me/mfa'),
  enrol: () => api<Enrolment>('POST', '/me/mfa/totp'),
  confirm: (code: string) => api<{ recoveryCodes: string[] }>('POST', '/me/mfa/totp/confirm', { body: { code } }),
  disable: (password: string, code: string) => api<void>('POST', '/me/mfa/totp/disable', { body: { password, code } }),
};

const user = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

export const adminAccountsApi = {
  users: (q: string, cursor?: string | null) =>
    api<{ items: AdminUserRow[]; nextCursor: string | null }>('GET', '/admin/users', { query: { q, cursor } }),
  setRole: (id: string, role: 'admin' | 'user') => api<void>('PATCH', user(id), { body: { role } }),
  suspend: (id: string, reason: string) => api<void>('POST', `${user(id)}/suspend`, { body: { reason } }),
  unsuspend: (id: string) => api<void>('POST', `${user(id)}/unsuspend`),
  deleteOnRequest: (id: string) => api<void>('POST', `${user(id)}/deletion`),
  resendVerification: (id: string) => api<void>('POST', `${user(id)}/verification`),
  audit: () => api<{ items: AuditRow[]; nextCursor: number | null }>('GET', '/admin/audit').then((r) => r.items),
  invitations: () => api<{ items: Invitation[] }>('GET', '/admin/invitations').then((r) => r.items),
  invite: (body: { email?: string; days?: number }) => api<Invitation>('POST', '/admin/invitations', { body }),
  revokeInvitation: (id: string) => api<void>('DELETE', `/admin/invitations/${encodeURIComponent(id)}`),
};
