import { api, byId, unwrap, type Answer, type Body } from './client';
import type { SessionResponse } from './types';

export type AuthConfig = Answer<'/api/v1/auth/config', 'get'>;
export type AdminUserRow = Answer<'/api/v1/admin/users', 'get'>['items'][number];
export type AuditRow = Answer<'/api/v1/admin/audit', 'get'>['items'][number];
export type Invitation = Answer<'/api/v1/admin/invitations', 'post'>;
export type Enrolment = Answer<'/api/v1/me/mfa/totp', 'post'>;

/** POST /auth/login answers this instead of a session while the account's second factor is awaited. */
export type MfaRequired = Exclude<Answer<'/api/v1/auth/login', 'post'>, SessionResponse>;

export const isMfaRequired = (r: SessionResponse | MfaRequired): r is MfaRequired => 'mfaRequired' in r;

/** Password reset, email verification, the second login step and the second factor (server modules/auth). */
export const recoveryApi = {
  config: () => unwrap(api.GET('/api/v1/auth/config')),
  requestReset: (email: string) => unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  confirmReset: (token: string, password: string) => unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } })),
  verify: (token: string) => unwrap(api.POST('/api/v1/auth/verify', { body: { token } })),
  resendVerification: () => unwrap(api.POST('/api/v1/me/verification')),
  loginMfa: (code: string) => unwrap(api.POST('/api/v1/auth/login/mfa', { body: { code } })),
};

export const mfaApi = {
  status: () => unwrap(api.GET('/api/v1/me/mfa')),
  enrol: () => unwrap(api.POST('/api/v1/me/mfa/totp')),
  confirm: (code: string) => unwrap(api.POST('/api/v1/me/mfa/totp/confirm', { body: { code } })),
  disable: (password: string, code: string) => unwrap(api.POST('/api/v1/me/mfa/totp/disable', { body: { password, code } })),
};

export const adminAccountsApi = {
  users: (q: string, cursor?: string | null) =>
    unwrap(api.GET('/api/v1/admin/users', { params: { query: { q, cursor: cursor ?? undefined } } })),
  setRole: (id: string, role: 'admin' | 'user') => unwrap(api.PATCH('/api/v1/admin/users/{id}', { ...byId(id), body: { role } })),
  suspend: (id: string, reason: string) => unwrap(api.POST('/api/v1/admin/users/{id}/suspend', { ...byId(id), body: { reason } })),
  unsuspend: (id: string) => unwrap(api.POST('/api/v1/admin/users/{id}/unsuspend', byId(id))),
  deleteOnRequest: (id: string) => unwrap(api.POST('/api/v1/admin/users/{id}/deletion', byId(id))),
  resendVerification: (id: string) => unwrap(api.POST('/api/v1/admin/users/{id}/verification', byId(id))),
  audit: () => unwrap(api.GET('/api/v1/admin/audit')).then((r) => r.items),
  invitations: () => unwrap(api.GET('/api/v1/admin/invitations')).then((r) => r.items),
  invite: (body: Body<'/api/v1/admin/invitations', 'post'>) => unwrap(api.POST('/api/v1/admin/invitations', { body })),
  revokeInvitation: (id: string) => unwrap(api.DELETE('/api/v1/admin/invitations/{id}', byId(id))),
};
