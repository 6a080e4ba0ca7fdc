import type { Static } from '@sinclair/typebox';
import type { WorkflowRunSchema, WorkflowSchema } from '../../../server/src/modules/workflows/schemas';
import type { WorkflowStep, WorkflowVariable } from '../../../server/src/modules/workflows/steps';
import { api } from './client';

export type Workflow = Static<typeof WorkflowSchema>;
export type WorkflowRun = Static<typeof WorkflowRunSchema>;
export type { WorkflowStep, WorkflowVariable };
export type StepKind = WorkflowStep['kind'];
export interface WorkflowDraft { name: string; steps: WorkflowStep[]; variables: WorkflowVariable[] }

const one = (id: string) => `/workflows/${encodeURIComponent(id)}`;
const run = (id: string) => `/workflow-runs/${encodeURIComponent(id)}`;

export const workflowsApi = {
  list: () => api<{ items: Workflow[] }>('GET', '/workflows', { query: { limit: 100 } }),
  get: (id: string) => api<Workflow>('GET', one(id)),
  create: (draft: WorkflowDraft) => api<Workflow>('POST', '/workflows', { body: draft }),
  update: (id: string, draft: WorkflowDraft) => api<Workflow>('PATCH', one(id), { body: draft }),
  remove: (id: string) => api<void>('DELETE', one(id)),
  saveFromGeneration: (generationId: string) => api<Workflow>('POST', `/generations/${encodeURIComponent(generationId)}/workflow`, { body: {} }),
  run: (id: string, inputs: Record<string, string>) => api<WorkflowRun>('POST', `${one(id)}/runs`, { body: { inputs } }),
  runs: (workflowId?: string) => api<{ items: WorkflowRun[] }>('GET', '/workflow-runs', { query: { limit: 20, workflowId } }),
  getRun: (id: string, signal?: AbortSignal) => api<WorkflowRun>('GET', run(id), { signal }),
  cancelRun: (id: string) => api<WorkflowRun>('POST', `${run(id)}/cancel`),
};

export const isRunActive = (r: Pick<WorkflowRun, 'status'>) => r.status === 'queued' || r.status === 'running';

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

/** The variables the steps use, in order of first use; known ones keep their label and default. */
export function variablesOf(steps: readonly WorkflowStep[], known: readonly WorkflowVariable[]): WorkflowVariable[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(steps).matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names].map((name) => known.find((v) => v.name === name) ?? { name });
}
