import type { User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { GenerationService, PlannedGeneration } from '../generations/service.js';
import type { PlannedRun, WorkflowService } from '../workflows/service.js';
import type { RawRow } from './parse.js';
import { toGenerateInput, workflowRow } from './rows.js';

export type RowOwner = Pick<User, 'id' | 'watermark_default'>;
export type RowPlan = PlannedGeneration | PlannedRun;

/** What planning a row needs: the studio's checks of a generation, or of a run of a workflow. */
export interface RowPlanners {
  generations: Pick<GenerationService, 'planGenerate'>;
  workflows: Pick<WorkflowService, 'planRun'>;
}

/** A row checked as the studio checks a request (or, naming a workflow, as a run of it); any refusal names the row's line. */
export function planRow({ generations, workflows }: RowPlanners, user: RowOwner, row: RawRow): Promise<RowPlan> {
  const run = workflowRow(row);
  if (run) return atLine(row, () => workflows.planRun(user, run.workflowId, run.inputs));
  return atLine(row, () => generations.planGenerate(user.id, toGenerateInput(row), user));
}

export const isRun = (plan: RowPlan): plan is PlannedRun => 'run' in plan;

/** Runs `task` for a row; a refusal (4xx) comes back naming the row's line, with its code and details kept. */
export async function atLine<T>(row: RawRow, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500 && !err.message.startsWith('Line ')) {
      throw new AppError(err.code, `Line ${row.line}: ${err.message}`, { ...err.details, line: row.line }, err.headers);
    }
    throw err;
  }
}
