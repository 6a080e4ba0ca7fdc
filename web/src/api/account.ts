import type { Static } from '@sinclair/typebox';
import type { SessionSchema } from '../../../server/src/modules/auth/schemas';
import { api } from './client';
import type { Profile } from './types';

export type ActiveSession = Static<typeof SessionSchema>;

export interface ProfileChange {
  name?: string;
  email?: string;
  currentPassword?: string;
  preferences?: Partial<Profile['preferences']>;
}

export const accountApi = {
  update: (body: ProfileChange) => api<Profile>('PATCH', '/me', { body }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api<{ revokedSessions: number }>('POST', '/me/password', { body }),
  sessions: () => api<{ items: ActiveSession[] }>('GET', '/me/sessions'),
  revokeSession: (id: string) => api<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
};
