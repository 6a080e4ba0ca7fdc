import type { Db } from '../../db/database.js';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { Generation, WorkflowRun, WorkflowRunStep } from '../../db/schema.js';
import { AppError, type StoredFailure } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { JobQueue, QueuedJob, RunningJob } from '../../queue/job-queue.js';
import type { AlbumService } from '../albums/service.js';
import { isTerminal } from '../generations/dto.js';
import type { GenerationService, PlannedGeneration } from '../generations/service.js';
import { stepAssets } from './dto.js';
import type { WorkflowRepository } from './repository.js';
import { GENERATING_STEPS, type WorkflowStep } from './steps.js';
import { atStep, isActive } from './step-errors.js';
import { editInput, generateInput } from './step-input.js';
import { WORKFLOW_JOB, type WorkflowService } from './service.js';

type StepError = StoredFailure;
/** Thrown inside a transaction to undo it: another attempt of the run's job started the step first. */
class StepTaken extends Error {}

/**
 * Works through a run's steps in order. A step that makes images queues a generation and the job ends; when that
 * generation ends (`generationEnded`), a new job of the run takes the next step. So no worker waits on another
 * job, and every step is written before its generation is queued: a run survives a restart at any point.
 */
export class WorkflowRunner {
  constructor(
    private readonly db: Db,
    private readonly repo: WorkflowRepository,
    private readonly workflows: WorkflowService,
    private readonly generations: GenerationService,
    private readonly albums: AlbumService,
    private readonly outbox: JobOutbox,
    private readonly clock: Clock,
    /** Told once when a run ends (batches); must not throw. */
    private readonly onEnded?: (run: WorkflowRun) => Promise<void>,
  ) {}

  register(queue: JobQueue): void {
    queue.handle(WORKFLOW_JOB, (running) => this.run(running), (job, lastError) => this.giveUp(job, lastError));
  }

  async run({ job, signal }: RunningJob): Promise<void> {
    await this.repo.markRunning(job.subjectId, this.clock.now());
    while (!signal.aborted) {
      const run = await this.repo.findRun(job.subjectId);
      if (!run || !isActive(run.status)) return;
      const steps = JSON.parse(run.steps) as WorkflowStep[];
      const index = run.current_step;
      if (index >= steps.length) {
        await this.end(run, 'succeeded', null);
        return;
      }
      const started = await this.repo.findStep(run.id, index);
      const next = started?.generation_id ? await this.afterGeneration(run, started) : await this.runStep(run, steps[index]!, index);
      if (next !== 'next') return;
      await this.repo.advance(run.id, index, (index + 1) / steps.length);
    }
  }

  /** A generation of a run ended: a job of the run takes it from there. */
  async generationEnded(generationId: string): Promise<void> {
    const step = await this.repo.stepOfGeneration(generationId);
    if (!step) return;
    const run = await this.repo.findRun(step.run_id);
    if (!run || !isActive(run.status)) return;
    await this.db.transaction().execute((trx) => this.outbox.addIn(trx, { kind: WORKFLOW_JOB, subjectId: run.id, userId: run.user_id, cost: 1 }));
    this.outbox.committed();
  }

  /** The step's generation ended (or not yet: then wait for it). */
  private async afterGeneration(run: WorkflowRun, step: WorkflowRunStep): Promise<'wait' | 'next' | 'failed'> {
    const g = await this.generations.get(run.user_id, step.generation_id!).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
      throw err;
    });
    if (g && !isTerminal(g.status)) return 'wait';
    const images = g ? g.outputs.flatMap((o) => (o.asset ? [o.asset.id] : [])) : [];
    if (!g || images.length === 0) {
      const error: StepError = g?.status === 'canceled' ? { code: 'CANCELED', message: 'The step\'s generation was canceled.' }
        : g?.error ?? { code: 'NO_OUTPUT', message: g ? 'The step made no image.' : 'The step\'s generation was deleted.' };
      await this.failStep(run, step.idx, error);
      return 'failed';
    }
    await this.repo.endStep(run.id, step.idx, { status: 'succeeded', asset_ids: JSON.stringify(images), error: null, finished_at: this.clock.now() });
    return 'next';
  }

  private async runStep(run: WorkflowRun, step: WorkflowStep, index: number): Promise<'wait' | 'next' | 'failed'> {
    try {
      return await atStep(index, () => this.perform(run, step, index));
    } catch (err) {
      if (err instanceof StepTaken) return 'wait';
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      await this.failStep(run, index, { code: err.code, message: err.message });
      return 'failed';
    }
  }

  private async perform(run: WorkflowRun, step: WorkflowStep, index: number): Promise<'wait' | 'next'> {
    const previous = await this.imagesBefore(run.id, index);
    if (step.kind !== 'album' && step.kind !== 'export') {
      const plan = step.kind === 'generate'
        ? await this.generations.planGenerate(run.user_id, generateInput(step))
        : await this.generations.planEdit(run.user_id, editInput(step, previous.at(-1)!));
      await this.startGeneration(run, index, plan);
      return 'wait';
    }
    // Album and export steps pass the images on: album adds the last step's images, export offers every image of the run.
    const images = step.kind === 'album' ? previous : await this.allImages(run.id, index);
    if (step.kind === 'album') await this.albums.addAssets(run.user_id, step.albumId, images);
    const now = this.clock.now();
    const row = { run_id: run.id, idx: index, generation_id: null, asset_ids: JSON.stringify(images), status: 'succeeded' as const, error: null, started_at: now, finished_at: now };
    if (!(await this.repo.startStepIn(this.db, row))) await this.repo.endStep(run.id, index, row);
    return 'next';
  }

  /** The step and its generation are written together; a run canceled meanwhile cancels the generation at once. */
  private async startGeneration(run: WorkflowRun, index: number, plan: PlannedGeneration): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // A later step takes over the slot of the step before it, so the plan's concurrency limit cannot fail the run mid-way.
      const g: Generation = await this.generations.enqueueIn(trx, run.user_id, plan, { continuesRun: index > 0 });
      const row = { run_id: run.id, idx: index, generation_id: g.id, asset_ids: '[]', status: 'running' as const, error: null, started_at: this.clock.now(), finished_at: null };
      if (!(await this.repo.startStepIn(trx, row))) throw new StepTaken();
    });
    this.generations.accepted([plan]);
    const now = await this.repo.findRun(run.id);
    if (now && now.status === 'canceled') await this.workflows.stopStepInFlight(run);
  }

  /** The images of the last step before `index` that made some. */
  private async imagesBefore(runId: string, index: number): Promise<string[]> {
    const steps = (await this.repo.stepsOf([runId])).filter((s) => s.idx < index && s.status === 'succeeded');
    for (const s of steps.reverse()) {
      const images = stepAssets(s);
      if (images.length > 0) return images;
    }
    return [];
  }

  /** Every image the run's image steps made before `index`, in order. */
  private async allImages(runId: string, index: number): Promise<string[]> {
    const run = await this.repo.findRun(runId);
    const kinds = JSON.parse(run!.steps) as WorkflowStep[];
    const steps = (await this.repo.stepsOf([runId])).filter((s) => s.idx < index && s.status === 'succeeded' && GENERATING_STEPS.has(kinds[s.idx]!.kind));
    return steps.flatMap(stepAssets);
  }

  private async failStep(run: WorkflowRun, index: number, error: StepError): Promise<void> {
    const now = this.clock.now();
    const row = { run_id: run.id, idx: index, generation_id: null, asset_ids: '[]', status: 'failed' as const, error: JSON.stringify(error), started_at: now, finished_at: now };
    if (!(await this.repo.startStepIn(this.db, row))) {
      const started = await this.repo.findStep(run.id, index);
      await this.repo.endStep(run.id, index, { status: 'failed', asset_ids: started?.asset_ids ?? '[]', error: row.error, finished_at: now });
    }
    await this.end(run, 'failed', { ...error, step: index });
  }

  private async end(run: WorkflowRun, status: 'succeeded' | 'failed', error: (StepError & { step: number }) | null): Promise<void> {
    const ended = await this.repo.finish(run.id, status, this.clock.now(), error && JSON.stringify(error), status === 'succeeded' ? 1 : undefined);
    if (ended) await this.onEnded?.({ ...run, status });
  }

  private async giveUp(job: QueuedJob, lastError: string): Promise<void> {
    const run = await this.repo.findRun(job.subjectId);
    if (!run || !isActive(run.status)) return;
    await this.failStep(run, run.current_step, { code: 'STEP_FAILED', message: `The step could not be run (${lastError.slice(0, 200)}).` });
  }
}
