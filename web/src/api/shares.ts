import { api, byId, unwrap, type Answer, type Body } from './client';

export type Share = Answer<'/api/v1/shares', 'get'>['items'][number];
export type CreatedShareLink = Answer<'/api/v1/shares', 'post'>;
export type NewShare = Body<'/api/v1/shares', 'post'>;

export const sharesApi = {
  create: (body: NewShare) => unwrap(api.POST('/api/v1/shares', { body })),
  list: () => unwrap(api.GET('/api/v1/shares')),
  revoke: (id: string) => unwrap(api.DELETE('/api/v1/shares/{id}', byId(id))),
};
