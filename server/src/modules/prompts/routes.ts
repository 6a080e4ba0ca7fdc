import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import type { GenerationService } from '../generations/service.js';
import {
  CreateSnippetBody, PromptHistory, PromptHistoryQuery, SnippetIdParams, SnippetList, SnippetSchema, UpdateSnippetBody,
} from './schemas.js';
import type { PromptSnippetService } from './service.js';

/**
 * Prompt help:
 *   GET    /prompts/history?q=       your own prompts, newest first, each once
 *   GET    /prompt-snippets          your saved prompts and templates ({{variables}})
 *   POST   /prompt-snippets          {name, text} → 201
 *   PATCH  /prompt-snippets/:id      {name?, text?}
 *   DELETE /prompt-snippets/:id      → 204
 */
export function promptRoutes(snippets: PromptSnippetService, generations: Pick<GenerationService, 'promptHistory'>) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['prompts'];
    app.get('/prompts/history', { schema: { tags, summary: 'Your own prompts, newest first, with search', querystring: PromptHistoryQuery, response: { 200: PromptHistory } } }, async (request) => {
      const { user } = requireAuth(request, 'images');
      return { items: await generations.promptHistory(user.id, request.query.q, request.query.limit ?? 20) };
    });
    app.get('/prompt-snippets', { schema: { tags, summary: 'Your saved prompts and templates', response: { 200: SnippetList } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return { items: await snippets.list(user.id) };
    });
    app.post('/prompt-snippets', { schema: { tags, summary: 'Save a prompt or template ({{variable}} marks a blank)', body: CreateSnippetBody, response: { 201: SnippetSchema } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      return reply.status(201).send(await snippets.create(user.id, request.body));
    });
    app.patch('/prompt-snippets/:id', { schema: { tags, summary: 'Rename or rewrite a snippet', params: SnippetIdParams, body: UpdateSnippetBody, response: { 200: SnippetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return snippets.update(user.id, request.params.id, request.body);
    });
    app.delete('/prompt-snippets/:id', { schema: { tags, summary: 'Delete a snippet', params: SnippetIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      await snippets.delete(user.id, request.params.id);
      return reply.status(204).send();
    });
  };
}
