import type { Workflow, WorkflowRun, WorkflowRunStep } from '../../db/schema.js';
import { storedFailure } from '../../http/errors.js';
import { assetUrls } from '../generations/dto.js';
import type { WorkflowDto, WorkflowRunDto } from './schemas.js';
import type { WorkflowStep, WorkflowVariable } from './steps.js';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function toWorkflowDto(w: Workflow): WorkflowDto {
  return {
    id: w.id,
    name: w.name,
    steps: JSON.parse(w.steps) as WorkflowStep[],
    variables: JSON.parse(w.variables) as WorkflowVariable[],
    createdAt: new Date(w.created_at).toISOString(),
    updatedAt: new Date(w.updated_at).toISOString(),
  };
}

export const stepAssets = (step: Pick<WorkflowRunStep, 'asset_ids'>): string[] => JSON.parse(step.asset_ids) as string[];

/** A run with every step of its snapshot: those not started yet are `pending`. */
export function toRunDto(run: WorkflowRun, started: readonly WorkflowRunStep[]): WorkflowRunDto {
  const steps = JSON.parse(run.steps) as WorkflowStep[];
  const byIndex = new Map(started.map((s) => [s.idx, s]));
  const exported = steps.some((s, i) => s.kind === 'export' && byIndex.get(i)?.status === 'succeeded');
  return {
    id: run.id,
    workflowId: run.workflow_id,
    name: run.name,
    status: run.status,
    progress: run.progress,
    inputs: JSON.parse(run.inputs) as Record<string, string>,
    steps: steps.map((step, index) => {
      const s = byIndex.get(index);
      return {
        index,
        kind: step.kind,
        status: s?.status ?? 'pending',
        generationId: s?.generation_id ?? null,
        // An export step lists every image of the run: shown once, at the steps that made them.
        assets: s && step.kind !== 'export' && step.kind !== 'album' ? stepAssets(s).map((id) => ({ id, urls: assetUrls(id) })) : [],
        ...(s?.error ? { error: storedFailure(JSON.parse(s.error) as { code: string; message: string }, 'STEP_FAILED') } : {}),
      };
    }),
    ...(run.error ? { error: storedFailure(JSON.parse(run.error) as { code: string; message: string; step: number }, 'STEP_FAILED') } : {}),
    archiveUrl: exported ? `/api/v1/workflow-runs/${run.id}/archive` : null,
    createdAt: new Date(run.created_at).toISOString(),
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
  };
}
