import type { Static } from '@sinclair/typebox';
import type { SessionSchema, UpdateMeBody } from '../../../server/src/modules/auth/schemas';
import { api } from './client';
import type { Profile } from './types';

export type ActiveSession = Static<typeof SessionSchema>;

/** What PATCH /me accepts. */
export type ProfileChange = UpdateMeBody;

export const accountApi = {
  update: (body: ProfileChange) => api<Profile>('PATCH', '/me', { body }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api<{ revokedSessions: number }>('POST', '/me/password', { body }),
  sessions: () => api<{ items: ActiveSession[] }>('GET', '/me/sessions'),
  revokeSession: (id: string) => api<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
};
