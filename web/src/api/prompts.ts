import type { Static } from '@sinclair/typebox';
import type { PromptHistory, SnippetSchema } from '../../../server/src/modules/prompts/schemas';
import { api } from './client';

export type Snippet = Static<typeof SnippetSchema>;
export type PromptUse = Static<typeof PromptHistory>['items'][number];

export const promptsApi = {
  history: (q: string, signal?: AbortSignal) => api<{ items: PromptUse[] }>('GET', '/prompts/history', { query: { q, limit: 30 }, signal }),
  snippets: () => api<{ items: Snippet[] }>('GET', '/prompt-snippets'),
  saveSnippet: (name: string, text: string) => api<Snippet>('POST', '/prompt-snippets', { body: { name, text } }),
  deleteSnippet: (id: string) => api<void>('DELETE', `/prompt-snippets/${encodeURIComponent(id)}`),
};
