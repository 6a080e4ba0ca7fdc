import { api } from './client';
import type { Profile } from './types';

export interface ActiveSession {
  id: string;
  current: boolean;
  device: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

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
