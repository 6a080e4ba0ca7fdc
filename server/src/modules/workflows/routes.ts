import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { FileAnswer, NoContent } from '../../http/schema-types.js';
import type { Services } from '../../services.js';
import { CostShapes } from '../generations/cost-shape.js';
import {
  IdParams, ListQuery, RunBody, RunListQuery, SaveFromGenerationBody, WorkflowBody, WorkflowList, WorkflowPatch, WorkflowRunList,
  WorkflowRunSchema, WorkflowSchema,
} from './schemas.js';
import { GENERATES } from '../../http/rate-limit.js';

/** Saved workflows and their runs (scope `images`). */
export function workflowRoutes(services: Pick<Services, 'workflows' | 'config'>) {
  const { workflows } = services;
  const owner = (request: FastifyRequest) => requireAuth(request, 'images').user.id;
  /** The person starting a run (whether they may is GenerationService's check, made for every way of starting a job). */
  const creator = (request: FastifyRequest) => requireAuth(request, 'images').user;
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['workflows'];

    app.post('/workflows', { schema: { tags, summary: 'Save a workflow: ordered steps with {{variables}}', body: WorkflowBody, response: { 201: WorkflowSchema } } }, async (request, reply) => {
      const w = await workflows.create(owner(request), request.body);
      return reply.status(201).header('location', `/api/v1/workflows/${w.id}`).send(w);
    });

    app.get('/workflows', { schema: { tags, summary: 'Your workflows, last changed first', querystring: ListQuery, response: { 200: WorkflowList } } }, async (request) =>
      ({ items: await workflows.list(owner(request), request.query.limit) }),
    );

    app.get('/workflows/:id', { schema: { tags, summary: 'One workflow', params: IdParams, response: { 200: WorkflowSchema } } }, async (request) =>
      workflows.get(owner(request), request.params.id),
    );

    app.patch('/workflows/:id', { schema: { tags, summary: 'Rename a workflow or change its steps and variables', params: IdParams, body: WorkflowPatch, response: { 200: WorkflowSchema } } }, async (request) =>
      workflows.update(owner(request), request.params.id, request.body),
    );

    app.delete('/workflows/:id', { schema: { tags, summary: 'Delete a workflow (its runs stay)', params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await workflows.delete(owner(request), request.params.id);
      return reply.status(204).send();
    });

    app.post('/generations/:id/workflow', { schema: { tags, summary: 'Save a history item, with the edits made from it, as a workflow', params: IdParams, body: SaveFromGenerationBody, response: { 201: WorkflowSchema } } }, async (request, reply) => {
      const w = await workflows.saveFromGeneration(owner(request), request.params.id, request.body?.name);
      return reply.status(201).header('location', `/api/v1/workflows/${w.id}`).send(w);
    });

    app.post('/workflows/:id/cost', { schema: { tags, summary: 'What a run with these inputs would queue, to price it before running it (nothing is started)', params: IdParams, body: RunBody, response: { 200: CostShapes } } }, async (request) =>
      ({ requests: await workflows.costOf(requireAuth(request, 'images').user, request.params.id, request.body?.inputs ?? {}) }));

    app.post('/workflows/:id/runs', { config: GENERATES, schema: { tags, summary: 'Run a workflow with these inputs (a job on the queue)', params: IdParams, body: RunBody, response: { 202: WorkflowRunSchema } } }, async (request, reply) => {
      const run = await workflows.run(creator(request), request.params.id, request.body?.inputs ?? {});
      return reply.status(202).header('location', `/api/v1/workflow-runs/${run.id}`).send(run);
    });

    app.get('/workflow-runs', { schema: { tags, summary: 'Your workflow runs, newest first', querystring: RunListQuery, response: { 200: WorkflowRunList } } }, async (request) =>
      ({ items: await workflows.listRuns(owner(request), request.query.limit, request.query.workflowId) }),
    );

    app.get('/workflow-runs/:id', { schema: { tags, summary: 'A run with each step\'s status and output images', params: IdParams, response: { 200: WorkflowRunSchema } } }, async (request) =>
      workflows.getRun(owner(request), request.params.id),
    );

    app.post('/workflow-runs/:id/cancel', { schema: { tags, summary: 'Cancel a run: it stops between steps and the step in flight is canceled', params: IdParams, response: { 200: WorkflowRunSchema } } }, async (request) =>
      workflows.cancelRun(owner(request), request.params.id),
    );

    app.get('/workflow-runs/:id/archive', { schema: { tags, summary: 'The images of the run\'s export step as one zip', params: IdParams, produces: ['application/zip'], response: { 200: FileAnswer('A zip of the images', ['application/zip']) } } }, async (request, reply) => {
      const { fileName, stream } = await workflows.archive(owner(request), request.params.id);
      reply.header('content-type', 'application/zip');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(stream);
    });
  };
}
