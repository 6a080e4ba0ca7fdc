import type { Static } from '@sinclair/typebox';
import type { ContactBody, SupportMessageSchema } from '../../../server/src/modules/support/schemas';
import { api } from './client';

export type SupportMessage = Static<typeof SupportMessageSchema>;

export const supportApi = {
  contact: (body: Static<typeof ContactBody>) => api<{ id: string; emailed: boolean }>('POST', '/support', { body }),
  adminList: () => api<{ items: SupportMessage[] }>('GET', '/admin/support').then((r) => r.items),
};
