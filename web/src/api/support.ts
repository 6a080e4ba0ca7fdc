import { api, unwrap, type Answer, type Body } from './client';

export type SupportMessage = Answer<'/api/v1/admin/support', 'get'>['items'][number];

export const supportApi = {
  contact: (body: Body<'/api/v1/support', 'post'>) => unwrap(api.POST('/api/v1/support', { body })),
  adminList: () => unwrap(api.GET('/api/v1/admin/support')).then((r) => r.items),
};
