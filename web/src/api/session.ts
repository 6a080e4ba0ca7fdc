import { api } from './client';
import type { MfaRequired } from './accounts';
import type { SessionResponse, User } from './types';

/** An open sign-up's answer, the same for every address: the account is made from the emailed link. */
export interface SignupPending {
  pending: true;
  message: string;
}

export const isSignupPending = (r: SessionResponse | SignupPending): r is SignupPending => 'pending' in r;

export const sessionApi = {
  me: () => api<User>('GET', '/me'),
  /** A session for the first account and an invited one; otherwise "check your email". */
  signup: (body: { email: string; password: string; name: string; invitation?: string }) =>
    api<SessionResponse | SignupPending>('POST', '/auth/signup', { body }),
  /** Finishes a sign-up from its emailed link, with the password chosen at sign-up. */
  confirmSignup: (token: string, password: string) => api<SessionResponse>('POST', '/auth/signup/confirm', { body: { token, password } }),
  login: (body: { email: string; password: string }) => api<SessionResponse | MfaRequired>('POST', '/auth/login', { body }),
  logout: () => api<void>('POST', '/auth/logout'),
};
