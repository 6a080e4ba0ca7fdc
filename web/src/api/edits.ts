import { api, unwrap, type Body } from './client';

/** POST /edits: the body as the contract describes it, structured operations included. */
export type EditRequest = Body<'/api/v1/edits', 'post'>;

/** A classic edit operation (the union server/src/modules/edits publishes), which runs on any image from any engine. */
export type EditOperation = NonNullable<EditRequest['operations']>[number];

export const editsApi = {
  create: (body: EditRequest) => unwrap(api.POST('/api/v1/edits', { body })),
};
