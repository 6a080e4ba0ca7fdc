import { type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import { toRunDto, toWorkflowDto } from './dto.js';
import type { WorkflowRepository } from './repository.js';
import { groupBy } from '../../lib/group-by.js';

/** The person's saved workflows and their runs (steps, inputs, what each step made). */
export class WorkflowPersonalData implements PersonalData {
  readonly tables = ['workflows', 'workflow_runs', 'workflow_run_steps'];
  readonly exported = this.tables;

  constructor(private readonly repo: WorkflowRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const workflows = await this.repo.listForUser(userId, Number.MAX_SAFE_INTEGER);
    const runs = await this.repo.listRuns(userId, Number.MAX_SAFE_INTEGER);
    const steps = groupBy(await this.repo.stepsOf(runs.map((r) => r.id)), (s) => s.run_id);
    yield {
      path: 'workflows.json',
      json: { workflows: workflows.map(toWorkflowDto), runs: runs.map((r) => toRunDto(r, steps.get(r.id) ?? [])) },
    };
  }

  /** Run steps go with their run (on delete cascade). */
  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteForUser(userId);
  }
}
