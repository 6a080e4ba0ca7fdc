import type { Static } from '@sinclair/typebox';
import type { CreatedShare, CreateShareBody, ShareSchema } from '../../../server/src/modules/shares/schemas';
import { api } from './client';

export type Share = Static<typeof ShareSchema>;
export type CreatedShareLink = Static<typeof CreatedShare>;
export type NewShare = Static<typeof CreateShareBody>;

export const sharesApi = {
  create: (body: NewShare) => api<CreatedShareLink>('POST', '/shares', { body }),
  list: () => api<{ items: Share[] }>('GET', '/shares'),
  revoke: (id: string) => api<void>('DELETE', `/shares/${encodeURIComponent(id)}`),
};
