import { api } from './client';
import type { MfaRequired } from './accounts';
import type { SessionResponse, User } from './types';

export const sessionApi = {
  me: () => api<User>('GET', '/me'),
  signup: (body: { email: string; password: string; name: string; invitation?: string; language?: User['language'] }) => api<SessionResponse>('POST', '/auth/signup', { body }),
  login: (body: { email: string; password: string }) => api<SessionResponse | MfaRequired>('POST', '/auth/login', { body }),
  logout: () => api<void>('POST', '/auth/logout'),
};
