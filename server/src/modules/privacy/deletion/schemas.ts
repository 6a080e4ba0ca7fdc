import { Type, type Static } from '@sinclair/typebox';

export const DeleteAccountBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024, description: 'The current password, to confirm' }) },
  { additionalProperties: false },
);
export type DeleteAccountBody = Static<typeof DeleteAccountBody>;

export const DeletionScheduledSchema = Type.Object({
  status: Type.Literal('pending_deletion'),
  purgeAt: Type.String({ format: 'date-time', description: 'When everything of the account is erased; logging in before then cancels' }),
});
