import type { Generation } from '../../db/schema.js';
import {
  EngineJobError, RetryableEngineError, type EngineCredential, type EngineImage, type EngineJob, type EngineOutputError, type EngineReference,
} from '../../engines/engine.js';
import type { ImageVerdict } from '../moderation/image-review.js';
import type { EngineRegistry } from '../../engines/registry.js';
import { runClassicEdit } from '../edits/classic-edit.js';
import { fitUpscaled } from '../edits/fit-upscaled.js';
import { isClassicEdit } from '../edits/route.js';
import type { OutputOrigin } from '../assets/source-type.js';
import { AppError } from '../../http/errors.js';
import type { Metrics } from '../../http/metrics.js';
import type { Clock } from '../../lib/clock.js';
import { RetryableJobError, type JobQueue, type QueuedJob, type RunningJob } from '../../queue/job-queue.js';
import type { GenerationAssetPort } from '../assets/generation-port.js';
import { isTerminal, type GenerationParams } from './dto.js';
import type { GenerationAdmission } from './admission.js';
import type { GenerationEvents } from './events.js';
import type { EndedStatus, EndHook } from './end-hooks.js';
import type { GenerationRepository, StartedGeneration } from './repository.js';
import { FAILURES, userFacingFailure, type Failure } from './failures.js';
import { GENERATION_JOB } from './service.js';
import { LivePreviews } from './live-preview.js';

/** What the runner is told or asks besides its own collaborators. */
export interface RunnerHooks {
  admission?: Pick<GenerationAdmission, 'ended'>;
  /** Where the original of an error a person is told about in other words goes (the server log). */
  onInternalError?: (err: unknown) => void;
  /** Told when a generation ends (webhooks, workflows, batches: GenerationEndHooks.run); must not throw. */
  onEnded?: EndHook;
  /** Unseals the person's own provider key a job names (bring your own key). */
  ownKeys?: { credentialFor(userId: string, keyId: string): Promise<EngineCredential> };
  /** The image check of the moderation policy: each image before it is stored (withheld, blurred or kept). */
  outputReview?: { review(userId: string, image: EngineImage, what: 'output'): Promise<ImageVerdict> };
}

/** Runs one generation job: feeds the engine, stores each image as it arrives, settles the final status. */
export class GenerationRunner {
  constructor(
    private readonly repo: GenerationRepository,
    private readonly assets: GenerationAssetPort,
    private readonly engines: EngineRegistry,
    private readonly events: GenerationEvents,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly hooks: RunnerHooks = {},
  ) {}

  register(queue: JobQueue): void {
    queue.handle(GENERATION_JOB, (running) => this.run(running), (job, lastError) => this.giveUp(job, lastError));
  }

  async run({ job, signal }: RunningJob): Promise<void> {
    const g = await this.repo.markRunning(job.subjectId, this.clock.now());
    if (!g) {
      await this.announceEnd(job.subjectId);
      return;
    }
    this.events.publish(g.id, { type: 'status', status: 'running' });

    const params = JSON.parse(g.params) as GenerationParams;
    // Only an earlier attempt of this job can have stored outputs: on the first one there is nothing to read.
    const outputs = job.attempts > 1 ? await this.repo.outputsFor([g.id]) : [];
    const doneIndexes = new Set(outputs.filter((o) => o.asset_id).map((o) => o.idx));
    let engineJob: EngineJob;
    try {
      engineJob = await this.buildEngineJob(g, params, doneIndexes);
    } catch (err) {
      await this.settle(g, this.toPerson(err, FAILURES.input));
      return;
    }
    // Classic edits run here whatever engine was chosen; everything else on the engine.
    const engine = g.mode === 'edit' && isClassicEdit(params) ? { run: runClassicEdit } : this.engines.get(g.engine);
    let stored = doneIndexes.size;
    // What earlier attempts of this job spent stays counted: the row holds it, and this run's figures add to it.
    let runUsage: Record<string, number> | undefined;
    const usageSoFar = () => addUsage(g.usage ? (JSON.parse(g.usage) as Record<string, number>) : undefined, runUsage);
    const previews = new LivePreviews((image) => this.events.publish(g.id, { type: 'preview', image }));
    try {
      const result = await engine.run(engineJob, {
        signal,
        onImage: async (image) => {
          const fitted = params.upscaleTo ? await fitUpscaled(image, params.upscaleTo, signal) : image;
          const verdict = await this.hooks.outputReview?.review(g.user_id, fitted, 'output');
          if (verdict?.kind === 'refused') {
            await this.recordOutputError(g.id, { index: image.index, code: 'IMAGE_REFUSED', message: verdict.message });
            return;
          }
          await this.storeImage(g, params, verdict ? { ...fitted, data: verdict.data } : fitted, g.owner_embeds_prompt === 1);
          stored += 1;
          // The last image's progress is written by settle() with the final status.
          if (stored < params.count) await this.repo.setProgress(g.id, stored / params.count);
        },
        onOutputError: (e) => this.recordOutputError(g.id, e),
        onProgress: (p) => this.events.publish(g.id, { type: 'progress', progress: p }),
        onPreview: (preview) => previews.offer(preview),
        onUsage: (usage) => (runUsage = usage),
      });
      runUsage ??= result.usage;
      await this.settle(g, undefined, usageSoFar(), result.model);
    } catch (err) {
      if (signal.aborted || err instanceof RetryableEngineError) {
        if (runUsage) await this.repo.recordUsage(g.id, usageSoFar()!);
        if (err instanceof RetryableEngineError) throw new RetryableJobError(err.message, err.retryAfterMs);
        throw err;
      }
      await this.settle(g, this.toPerson(err, FAILURES.engine), usageSoFar());
    }
  }

  private async recordOutputError(id: string, e: EngineOutputError): Promise<void> {
    await this.repo.recordOutputError(id, e.index, e.code, e.message);
    this.events.publish(id, { type: 'output_error', index: e.index, error: { code: e.code, message: e.message } });
  }

  private async buildEngineJob(g: Generation, params: GenerationParams, doneIndexes: Set<number>): Promise<EngineJob> {
    const refs = await this.loadReferences(g.user_id, params.references);
    const [source] = params.sourceAssetId ? await this.loadReferences(g.user_id, [params.sourceAssetId]) : [];
    const [mask] = params.maskAssetId ? await this.loadReferences(g.user_id, [params.maskAssetId]) : [];
    const { negativePrompt, steps, guidance, sampler, workflow } = params;
    return {
      generationId: g.id,
      mode: g.mode,
      prompt: g.prompt,
      width: params.width,
      height: params.height,
      size: params.size,
      aspectRatio: params.aspectRatio ?? undefined,
      seed: params.resolvedSeed,
      count: params.count,
      style: params.style ?? undefined,
      watermark: params.watermark,
      references: refs,
      source,
      operations: params.operations as EngineJob['operations'],
      instruction: params.instruction,
      tool: params.tool,
      mask,
      scale: params.scale,
      sampling: { negativePrompt, steps, guidance, sampler, workflow },
      doneIndexes,
      credential: params.providerKeyId ? await this.credentialFor(g.user_id, params.providerKeyId) : undefined,
    };
  }

  /** The job's own key; a job that names one never runs on the server's key. */
  private async credentialFor(userId: string, keyId: string): Promise<EngineCredential> {
    if (!this.hooks.ownKeys) throw new EngineJobError('OWN_KEY_MISSING', 'This generation was to run on your own key, which this worker cannot read.');
    return this.hooks.ownKeys.credentialFor(userId, keyId);
  }

  private async loadReferences(userId: string, ids: string[]): Promise<EngineReference[]> {
    if (ids.length === 0) return [];
    const owned = await this.assets.requireOwned(userId, ids).catch((err) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') {
        throw new EngineJobError(FAILURES.inputDeleted.code, FAILURES.inputDeleted.message);
      }
      throw err;
    });
    return Promise.all(owned.map((a) => this.assets.loadReference(a)));
  }

  private async storeImage(g: Generation, params: GenerationParams, image: EngineImage, embedPrompt: boolean): Promise<void> {
    const asset = await this.assets.storeOutput({
      userId: g.user_id,
      generationId: g.id,
      index: image.index,
      kind: g.mode === 'edit' ? 'edited' : 'generated',
      parentId: g.parent_asset_id,
      image,
      prompt: g.prompt,
      engine: g.engine,
      origin: this.originOf(g, params),
      embedPrompt,
      metadata: { engine: g.engine, seed: params.resolvedSeed, style: params.style, size: params.size },
    });
    this.metrics.images.inc({ engine: g.engine });
    this.events.publish(g.id, {
      type: 'image', index: image.index, asset: { id: asset.id, width: asset.width, height: asset.height, mime: asset.mime },
    });
  }

  private originOf(g: Generation, params: GenerationParams): OutputOrigin {
    if (g.mode === 'edit') return isClassicEdit(params) ? 'classic-edit' : 'model-edit';
    return this.engines.get(g.engine).describe().neural ? 'model' : 'procedural';
  }

  /** Final status from what was stored: all images → succeeded, some → partial, none → failed. */
  private async settle(g: Generation, error?: { code: string; message: string }, usage?: Record<string, number>, model?: string) {
    const params = JSON.parse(g.params) as GenerationParams;
    const outputs = await this.repo.outputsFor([g.id]);
    const ok = outputs.filter((o) => o.asset_id).length;
    const status = ok === params.count ? 'succeeded' : ok > 0 ? 'partial' : 'failed';
    const firstOutputError = outputs.find((o) => o.error_code);
    const finalError = status === 'failed'
      ? error ?? (firstOutputError ? { code: firstOutputError.error_code!, message: firstOutputError.error_message ?? '' }
        : { code: 'NO_OUTPUT', message: 'The engine returned no image.' })
      : error ?? null;
    const ended = await this.repo.finish(g.id, { status, error: finalError, finishedAt: this.clock.now(), usage, model });
    if (ended) {
      this.metrics.generations.inc({ engine: g.engine, status });
      this.events.publish(g.id, { type: 'status', status, ...(finalError ? { error: finalError } : {}) });
      await this.hooks.onEnded?.(g, status);
    }
    // Even when it had already ended (a process that ended it may have died before this): refunds are written once.
    await this.hooks.admission?.ended({ id: g.id, userId: g.user_id, count: params.count, produced: ok });
  }

  /**
   * A deleted, cancelled or ended generation has nothing left to do. When it ended, its job is running again
   * because the worker that ended it died, perhaps before its final event went out: the event is sent again, so
   * that streams following the generation end (a stream that already ended ignores it), and its end hooks run if
   * they are still owed.
   */
  private async announceEnd(id: string): Promise<void> {
    const g = await this.repo.find(id);
    if (!g || !isTerminal(g.status)) return;
    const error = g.error ? (JSON.parse(g.error) as { code: string; message: string }) : undefined;
    this.events.publish(g.id, { type: 'status', status: g.status, ...(error ? { error } : {}) });
    if (g.end_hooks_due === 1) await this.hooks.onEnded?.(g, g.status as EndedStatus);
  }

  private async giveUp(job: QueuedJob, lastError: string): Promise<void> {
    const g = await this.repo.find(job.subjectId);
    if (!g || isTerminal(g.status)) return;
    this.hooks.onInternalError?.(new Error(`generation ${g.id} gave up: ${lastError}`));
    await this.settle(g, FAILURES.gaveUp);
  }

  private toPerson(err: unknown, fallback: Failure): Failure {
    const failure = userFacingFailure(err, fallback);
    if (failure.message !== (err as Error)?.message) this.hooks.onInternalError?.(err);
    return failure;
  }
}

/** Usage figures added key by key; undefined when neither side has any. */
function addUsage(a: Record<string, number> | undefined, b: Record<string, number> | undefined): Record<string, number> | undefined {
  if (!a || !b) return a ?? b;
  const sum = { ...a };
  for (const [k, v] of Object.entries(b)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}
