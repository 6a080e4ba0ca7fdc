import { Type, type Static } from '@sinclair/typebox';

export const SNIPPET_NAME_MAX = 100;
export const SNIPPET_TEXT_MAX = 2000;
export const MAX_SNIPPETS = 500;

const Name = Type.String({ minLength: 1, maxLength: SNIPPET_NAME_MAX + 50 });
const Text = Type.String({ minLength: 1, maxLength: SNIPPET_TEXT_MAX, description: 'The prompt; {{name}} marks a variable to fill in' });

export const SnippetSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  text: Type.String(),
  variables: Type.Array(Type.String(), { description: 'The {{variables}} of the text, in order of first use' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SnippetDto = Static<typeof SnippetSchema>;

export const CreateSnippetBody = Type.Object({ name: Name, text: Text }, { additionalProperties: false });
export type CreateSnippetBody = Static<typeof CreateSnippetBody>;
export const UpdateSnippetBody = Type.Object({ name: Type.Optional(Name), text: Type.Optional(Text) }, { additionalProperties: false, minProperties: 1 });
export type UpdateSnippetBody = Static<typeof UpdateSnippetBody>;
export const SnippetIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const SnippetList = Type.Object({ items: Type.Array(SnippetSchema) });

export const PromptHistoryQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  { additionalProperties: false },
);
export const PromptHistory = Type.Object({
  items: Type.Array(Type.Object({ prompt: Type.String(), lastUsedAt: Type.String({ format: 'date-time' }), uses: Type.Integer() })),
});
