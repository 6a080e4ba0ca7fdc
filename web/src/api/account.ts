import { api, byId, unwrap, type Answer, type Body } from './client';

export type ActiveSession = Answer<'/api/v1/me/sessions', 'get'>['items'][number];

/** What PATCH /me accepts. */
export type ProfileChange = Body<'/api/v1/me', 'patch'>;

export const accountApi = {
  update: (body: ProfileChange) => unwrap(api.PATCH('/api/v1/me', { body })),
  changePassword: (body: Body<'/api/v1/me/password', 'post'>) => unwrap(api.POST('/api/v1/me/password', { body })),
  sessions: () => unwrap(api.GET('/api/v1/me/sessions')),
  revokeSession: (id: string) => unwrap(api.DELETE('/api/v1/me/sessions/{id}', byId(id))),
};
