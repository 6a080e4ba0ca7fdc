import type { Static } from '@sinclair/typebox';
import type { EditOperation } from '../../../server/src/modules/edits/edit-operation';
import type { EditBody } from '../../../server/src/modules/generations/schemas';
import { api } from './client';
import type { Generation } from './types';

/** A structured operation the built-in engine understands (the server's own type). */
export type { EditOperation };

/** POST /edits: the body's shape from the server's schema, with the operations typed as the built-in engine reads them. */
export type EditRequest = Omit<Static<typeof EditBody>, 'operations'> & { operations?: EditOperation[] };

export const editsApi = {
  create: (body: EditRequest) =>
    api<Generation>('POST', '/edits', { body }),
};
