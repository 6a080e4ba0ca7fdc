import { api, unwrap, type Body } from './client';

export const sessionApi = {
  me: () => unwrap(api.GET('/api/v1/me')),
  signup: (body: Body<'/api/v1/auth/signup', 'post'>) => unwrap(api.POST('/api/v1/auth/signup', { body })),
  login: (body: Body<'/api/v1/auth/login', 'post'>) => unwrap(api.POST('/api/v1/auth/login', { body })),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
};
