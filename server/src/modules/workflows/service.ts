import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { Database, User, Workflow, WorkflowRun } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { groupBy } from '../../lib/group-by.js';
import { newId } from '../../lib/ids.js';
import type { JobQueue } from '../../queue/job-queue.js';
import { extensionOf } from '../assets/download-name.js';
import type { AssetService } from '../assets/service.js';
import { costShapeOf, type CostShape } from '../generations/cost-shape.js';
import type { GenerationService, PlannedGeneration } from '../generations/service.js';
import { stepAssets, toRunDto, toWorkflowDto } from './dto.js';
import { stepsFromHistory } from './from-history.js';
import type { WorkflowRepository } from './repository.js';
import type { WorkflowDto, WorkflowRunDto } from './schemas.js';
import { MAX_STEPS, type WorkflowStep, type WorkflowVariable } from './steps.js';
import { atStep, isActive } from './step-errors.js';
import { generateInput } from './step-input.js';
import { checkWorkflow, fillIn, resolveInputs } from './variables.js';

export const WORKFLOW_JOB = 'workflow-run';

type Owner = Pick<User, 'id' | 'watermark_default'>;
export interface WorkflowInput { name: string; steps: WorkflowStep[]; variables?: WorkflowVariable[] }
/** A run checked and ready to write, with its first step's generation when that step generates. */
export interface PlannedRun { run: WorkflowRun; first?: PlannedGeneration }

/**
 * Saved workflows and their runs. A run is written with its job in one transaction (durable before the answer);
 * the runner (runner.ts) then works through its steps, each a generation made through GenerationService.
 */
export class WorkflowService {
  constructor(
    private readonly db: Db,
    private readonly repo: WorkflowRepository,
    private readonly generations: GenerationService,
    private readonly assets: AssetService,
    private readonly outbox: JobOutbox,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  async create(userId: string, input: WorkflowInput): Promise<WorkflowDto> {
    const variables = input.variables ?? [];
    checkWorkflow(input.steps, variables);
    const now = this.clock.now();
    const w: Workflow = {
      id: newId(), user_id: userId, name: input.name.trim(), steps: JSON.stringify(input.steps), variables: JSON.stringify(variables),
      created_at: now, updated_at: now,
    };
    await this.repo.insert(w);
    return toWorkflowDto(w);
  }

  async get(userId: string, id: string): Promise<WorkflowDto> {
    return toWorkflowDto(await this.requireOwned(userId, id));
  }

  async list(userId: string, limit: number): Promise<WorkflowDto[]> {
    return (await this.repo.listForUser(userId, limit)).map(toWorkflowDto);
  }

  async update(userId: string, id: string, patch: Partial<WorkflowInput>): Promise<WorkflowDto> {
    const current = toWorkflowDto(await this.requireOwned(userId, id));
    const steps = patch.steps ?? current.steps;
    const variables = patch.variables ?? current.variables;
    checkWorkflow(steps, variables);
    await this.repo.update(id, {
      name: (patch.name ?? current.name).trim(), steps: JSON.stringify(steps), variables: JSON.stringify(variables), updated_at: this.clock.now(),
    });
    return this.get(userId, id);
  }

  /** Its runs stay, with their snapshot. */
  async delete(userId: string, id: string): Promise<void> {
    await this.requireOwned(userId, id);
    await this.repo.delete(id);
  }

  /** "Save as workflow" from a history item: its request and the edits made from its images, as steps. */
  async saveFromGeneration(userId: string, generationId: string, name?: string): Promise<WorkflowDto> {
    const line = await this.generations.lineage(userId, generationId, MAX_STEPS);
    const { steps, variables } = stepsFromHistory(line);
    if (steps.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'This item cannot be made into a workflow (an inpaint or background removal has no step of its own).');
    }
    const title = name ?? `${line[0]!.prompt.slice(0, 60)}${steps.length > 1 ? ` · ${steps.length} steps` : ''}`;
    return this.create(userId, { name: title || 'Saved workflow', steps, variables });
  }

  /** Starts a run with these inputs: checked now, as far as can be known before the steps make their images. */
  async run(user: Owner, workflowId: string, inputs: Record<string, string>): Promise<WorkflowRunDto> {
    const planned = await this.planRun(user, workflowId, inputs);
    await this.generations.takeRequestLimit(user.id);
    await this.db.transaction().execute((trx) => this.enqueueRunIn(trx, planned));
    this.committed([planned]);
    return this.getRun(user.id, planned.run.id);
  }

  /**
   * A run ready to write: the inputs filled in, each generate step planned (engine rules, sizes, the prompt policy,
   * plan limits), every instruction screened. Refusals name the step.
   */
  async planRun(user: Owner, workflowId: string, inputs: Record<string, string>): Promise<PlannedRun> {
    const { workflow, values, steps, plans } = await this.planSteps(user, workflowId, inputs);
    const run: WorkflowRun = {
      id: newId(), user_id: user.id, workflow_id: workflow.id, name: workflow.name, steps: JSON.stringify(steps), inputs: JSON.stringify(values),
      status: 'queued', current_step: 0, progress: 0, error: null, created_at: this.clock.now(), started_at: null, finished_at: null,
    };
    return { run, first: plans[0] };
  }

  /**
   * What a run with these inputs would queue, for the cost shown before it is sent (every check of a run, nothing
   * written): generate steps as planned; each image step as one image the size of its source (the image it names,
   * or what the step before makes), on its engine (the default for classic operations).
   */
  async costOf(user: Owner, workflowId: string, inputs: Record<string, string>): Promise<CostShape[]> {
    const { steps, plans } = await this.planSteps(user, workflowId, inputs);
    const shapes: CostShape[] = [];
    let made: { width: number; height: number } | undefined;
    for (const [i, step] of steps.entries()) {
      const plan = plans[i];
      if (plan) {
        shapes.push(costShapeOf(plan));
        made = { width: plan.params.width, height: plan.params.height };
      } else if (step.kind === 'edit' || step.kind === 'operations' || step.kind === 'upscale') {
        const source = step.source ? await this.assets.requireAsset(user.id, step.source) : made;
        if (!source) continue;
        const engine = this.generations.engineId(step.kind === 'operations' ? undefined : step.engine);
        shapes.push({ engine, width: source.width, height: source.height, count: 1 });
        const scale = step.kind === 'upscale' ? step.scale : 1;
        made = { width: source.width * scale, height: source.height * scale };
      }
    }
    return shapes;
  }

  private async planSteps(user: Owner, workflowId: string, inputs: Record<string, string>) {
    const workflow = toWorkflowDto(await this.requireOwned(user.id, workflowId));
    // A run whose first step is not a generation plans none now: the person is checked here all the same.
    await this.generations.assertMayCreate(user.id);
    const values = resolveInputs(workflow.variables, inputs);
    const steps = fillIn(workflow.steps, values);
    const plans: Array<PlannedGeneration | undefined> = [];
    for (const [i, step] of steps.entries()) {
      plans.push(await atStep(i, async () => {
        if (step.kind === 'generate') return this.generations.planGenerate(user.id, generateInput(step), user);
        if (step.kind === 'edit') await this.generations.screenPrompts(user.id, [step.instruction]);
        return undefined;
      }));
    }
    return { workflow, values, steps, plans };
  }

  /**
   * Writes a planned run and its job in the caller's transaction. A first generate step is queued in the same
   * commit, through the same admission (credits) as any generation: a run its owner cannot pay for is not written.
   * After the commit, call `committed`.
   */
  async enqueueRunIn(trx: Transaction<Database>, { run, first }: PlannedRun): Promise<void> {
    await this.repo.insertRunIn(trx, run);
    if (first) {
      const g = await atStep(0, () => this.generations.enqueueIn(trx, run.user_id, first));
      await this.repo.startStepIn(trx, { run_id: run.id, idx: 0, generation_id: g.id, asset_ids: '[]', status: 'running', error: null, started_at: run.created_at, finished_at: null });
    }
    await this.outbox.addIn(trx, { kind: WORKFLOW_JOB, subjectId: run.id, userId: run.user_id, cost: 1 });
  }

  /** After the commit of `enqueueRunIn`: the jobs go to the queue. */
  committed(runs: readonly PlannedRun[]): void {
    this.generations.accepted(runs.flatMap((r) => (r.first ? [r.first] : [])));
  }

  async getRun(userId: string, id: string): Promise<WorkflowRunDto> {
    const run = await this.requireOwnedRun(userId, id);
    return toRunDto(run, await this.repo.stepsOf([run.id]));
  }

  async listRuns(userId: string, limit: number, workflowId?: string): Promise<WorkflowRunDto[]> {
    const runs = await this.repo.listRuns(userId, limit, workflowId);
    const steps = groupBy(await this.repo.stepsOf(runs.map((r) => r.id)), (s) => s.run_id);
    return runs.map((r) => toRunDto(r, steps.get(r.id) ?? []));
  }

  /** Stops the run between steps and cancels the generation of the step in flight (its credits go back). */
  async cancelRun(userId: string, id: string): Promise<WorkflowRunDto> {
    const run = await this.requireOwnedRun(userId, id);
    if (!isActive(run.status) || !(await this.repo.finish(run.id, 'canceled', this.clock.now(), null))) {
      throw new AppError('INVALID_STATE', `This run already ended (${run.status}); there is nothing to cancel.`);
    }
    await this.queue.cancelSubject(run.id);
    await this.stopStepInFlight(run);
    return this.getRun(userId, id);
  }

  /** After a run was canceled: the generation of its current step, if one is queued or running, is canceled too. */
  async stopStepInFlight(run: Pick<WorkflowRun, 'id' | 'user_id'>): Promise<void> {
    const fresh = await this.repo.findRun(run.id);
    const step = fresh && (await this.repo.findStep(run.id, fresh.current_step));
    if (!step || step.status !== 'running') return;
    await this.repo.endStep(run.id, step.idx, { status: 'canceled', asset_ids: step.asset_ids, error: null, finished_at: this.clock.now() });
    if (!step.generation_id) return;
    try {
      await this.generations.cancel(run.user_id, step.generation_id);
    } catch (err) {
      // A generation that ended meanwhile keeps its images.
      if (!(err instanceof AppError && err.code === 'INVALID_STATE')) throw err;
    }
  }

  /** The images of the run's export step as one zip, named by step: step-1.png, step-2-1.png… */
  async archive(userId: string, id: string): Promise<{ fileName: string; stream: Readable }> {
    const run = await this.requireOwnedRun(userId, id);
    const steps = await this.repo.stepsOf([run.id]);
    const kinds = JSON.parse(run.steps) as WorkflowStep[];
    const exportStep = steps.find((s) => kinds[s.idx]?.kind === 'export' && s.status === 'succeeded');
    if (!exportStep) throw new AppError('INVALID_STATE', 'This run has no export yet: its export step has not run.');
    const ids = stepAssets(exportStep);
    const names = new Map<string, string>();
    for (const s of steps) {
      if (kinds[s.idx]?.kind === 'export' || kinds[s.idx]?.kind === 'album') continue;
      const own = stepAssets(s);
      own.forEach((asset, i) => names.set(asset, `step-${s.idx + 1}${own.length > 1 ? `-${i + 1}` : ''}`));
    }
    const { stream } = await this.assets.archive(userId, ids, (asset) => `${names.get(asset.id) ?? asset.id}.${extensionOf(asset.mime)}`);
    return { fileName: `atelier-run-${run.id}.zip`, stream };
  }

  private async requireOwned(userId: string, id: string): Promise<Workflow> {
    const w = await this.repo.findOwned(userId, id);
    if (!w) throw notFound('Workflow');
    return w;
  }

  private async requireOwnedRun(userId: string, id: string): Promise<WorkflowRun> {
    const run = await this.repo.findOwnedRun(userId, id);
    if (!run) throw notFound('Workflow run');
    return run;
  }
}
