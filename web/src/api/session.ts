import { api, unwrap, type Answer, type Body } from './client';

type SessionResponse = Answer<'/api/v1/auth/signup/confirm', 'post'>;

/** An open sign-up's answer, the same for every address: the account is made from the emailed link. */
export interface SignupPending {
  pending: true;
  message: string;
}

export const isSignupPending = (r: object): r is SignupPending => 'pending' in r;

export const sessionApi = {
  me: () => unwrap(api.GET('/api/v1/me')),
  /** A session for the first account and an invited one; otherwise "check your email". */
  signup: (body: Body<'/api/v1/auth/signup', 'post'>) =>
    unwrap(api.POST('/api/v1/auth/signup', { body })) as Promise<SessionResponse | SignupPending>,
  /** Finishes a sign-up from its emailed link, with the password chosen at sign-up. */
  confirmSignup: (token: string, password: string) => unwrap(api.POST('/api/v1/auth/signup/confirm', { body: { token, password } })),
  login: (body: Body<'/api/v1/auth/login', 'post'>) => unwrap(api.POST('/api/v1/auth/login', { body })),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
};
