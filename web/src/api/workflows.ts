import { api, byId, unwrap, type Answer, type Body } from './client';

export type Workflow = Answer<'/api/v1/workflows/{id}', 'get'>;
export type WorkflowRun = Answer<'/api/v1/workflow-runs/{id}', 'get'>;
type WorkflowBody = Body<'/api/v1/workflows', 'post'>;
export type WorkflowStep = WorkflowBody['steps'][number];
export type WorkflowVariable = NonNullable<WorkflowBody['variables']>[number];
/** What the editor holds: the body of a create or an update, its variables always listed. */
export type WorkflowDraft = Omit<WorkflowBody, 'variables'> & { variables: WorkflowVariable[] };
export type StepKind = WorkflowStep['kind'];

export const workflowsApi = {
  list: () => unwrap(api.GET('/api/v1/workflows', { params: { query: { limit: 100 } } })),
  get: (id: string) => unwrap(api.GET('/api/v1/workflows/{id}', byId(id))),
  create: (draft: WorkflowDraft) => unwrap(api.POST('/api/v1/workflows', { body: draft })),
  update: (id: string, draft: WorkflowDraft) => unwrap(api.PATCH('/api/v1/workflows/{id}', { ...byId(id), body: draft })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/workflows/{id}', byId(id))),
  saveFromGeneration: (generationId: string) => unwrap(api.POST('/api/v1/generations/{id}/workflow', { ...byId(generationId), body: {} })),
  /** What a run with these inputs would queue (engine, size, count per generation), to price it before it is sent. */
  cost: (id: string, inputs: Record<string, string>, signal?: AbortSignal) =>
    unwrap(api.POST('/api/v1/workflows/{id}/cost', { ...byId(id), body: { inputs }, signal })),
  run: (id: string, inputs: Record<string, string>) => unwrap(api.POST('/api/v1/workflows/{id}/runs', { ...byId(id), body: { inputs } })),
  runs: (workflowId?: string, limit = 20) => unwrap(api.GET('/api/v1/workflow-runs', { params: { query: { limit, workflowId } } })),
  getRun: (id: string, signal?: AbortSignal) => unwrap(api.GET('/api/v1/workflow-runs/{id}', { ...byId(id), signal })),
  cancelRun: (id: string) => unwrap(api.POST('/api/v1/workflow-runs/{id}/cancel', byId(id))),
};

export const isRunActive = (r: Pick<WorkflowRun, 'status'>) => r.status === 'queued' || r.status === 'running';

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

/** The variables the steps use, in order of first use; known ones keep their label and default. */
export function variablesOf(steps: readonly WorkflowStep[], known: readonly WorkflowVariable[]): WorkflowVariable[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(steps).matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names].map((name) => known.find((v) => v.name === name) ?? { name });
}
