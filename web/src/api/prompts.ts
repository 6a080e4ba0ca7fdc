import { api, byId, unwrap, type Answer } from './client';

export type Snippet = Answer<'/api/v1/prompt-snippets', 'post'>;
export type PromptUse = Answer<'/api/v1/prompts/history', 'get'>['items'][number];

export const promptsApi = {
  history: (q: string, signal?: AbortSignal) => unwrap(api.GET('/api/v1/prompts/history', { params: { query: { q, limit: 30 } }, signal })),
  snippets: () => unwrap(api.GET('/api/v1/prompt-snippets')),
  saveSnippet: (name: string, text: string) => unwrap(api.POST('/api/v1/prompt-snippets', { body: { name, text } })),
  deleteSnippet: (id: string) => unwrap(api.DELETE('/api/v1/prompt-snippets/{id}', byId(id))),
};
