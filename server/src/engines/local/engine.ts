import {
  EditPlanError, EngineRequestError, type EditPlan, type EditPlanner, type EditTool, type EngineCapabilities, type EngineContext,
  type EngineJob, type EngineRequestCheck, type EngineResult, type ImageEngine, type NamedWorkflow, type RequestChecker, type SamplingControl,
} from '../engine.js';
import type { LocalEngineSettings } from '../engine-config.js';
import type { HealthReporter } from '../health.js';
import { withAttempts } from '../provider/attempts.js';
import { OutputDelivery } from '../provider/deliver.js';
import { realRuntime, type ProviderRuntime } from '../provider/runtime.js';
import { OutputSlots } from '../provider/slots.js';

/** What a local engine learnt by asking it: its checkpoints, samplers, upscalers and the tools it can run. */
export interface Discovery {
  models: string[];
  samplers: string[];
  /** Its upscaler models (never a classic resampler such as Lanczos). */
  upscalers: string[];
  /** The one the upscale tool uses: the configured one, else the first; absent, there is no upscale tool. */
  upscaler?: string;
  /** A settings problem found while asking (a configured name the engine lacks), shown on the health page. */
  problem?: string;
  tools: EditTool[];
  /** False when the engine can only edit (a ComfyUI without a text-to-image workflow). */
  generates: boolean;
  /** How many reference images a generation may start from (image to image from the reference). */
  references: number;
  /** Where a tool has several workflows (ComfyUI), each of them: a request may name one (the `workflow` control). */
  workflows?: NamedWorkflow[];
}

/** One request of a job: the outputs still owed and where what comes back goes. */
export interface LocalAttempt {
  job: EngineJob;
  ctx: EngineContext;
  delivery: OutputDelivery;
  /** How many images this request asks for, and the output index of the first one (seeds follow the index). */
  wanted: number;
  firstIndex: number;
  indexFor: (providerIndex: number) => number | undefined;
  model: string | undefined;
}

/** Sets are at most 15; sizes are multiples of 8 (the latent grid), 256 to 2048 a side. */
const MAX_OUTPUTS = 15;
const MIN_SIDE = 256;
const MAX_SIDE = 2048;
/** How long what the engine said about itself is trusted before it is asked again. */
const DISCOVERY_TTL_MS = 60_000;
/** After a failed discovery (the engine still starting, a slow answer) it is asked again this soon. */
const DISCOVERY_RETRY_MS = 1_000;
const DISCOVERY_TIMEOUT_MS = 10_000;

/**
 * What ComfyUI and Automatic1111 share: capabilities learnt from the engine itself (refreshed in the background,
 * so describe() stays synchronous), the cloud adapters' retries, health records and per-output delivery, and edits
 * by tool: an instruction (image to image), an inpaint mask, an upscale, a background removal.
 */
export abstract class LocalEngine<S extends LocalEngineSettings> implements ImageEngine, RequestChecker, EditPlanner {
  abstract readonly id: string;
  /** As people see it in messages: "ComfyUI", "Automatic1111". */
  protected abstract readonly engineName: string;
  protected found: Discovery | undefined;
  private askAgainAt = -Infinity;
  private discovering: Promise<void> | undefined;

  constructor(
    protected readonly settings: S,
    protected readonly health: HealthReporter,
    protected readonly runtime: ProviderRuntime = realRuntime,
  ) {}

  /** Asks the engine what it has (models, samplers, upscalers, node types). */
  protected abstract discover(signal: AbortSignal): Promise<Discovery>;
  /** Tools and controls known without asking (before the first discovery, or when the engine is unreachable). */
  protected abstract assumed(): Discovery;
  protected abstract description(): string;
  protected abstract request(attempt: LocalAttempt): Promise<void>;

  /** The diffusion settings a request may carry. */
  protected controls(): SamplingControl[] {
    return ['negativePrompt', 'steps', 'guidance', 'sampler'];
  }

  describe(): EngineCapabilities {
    if (this.runtime.now() >= this.askAgainAt) void this.refresh();
    const d = this.found ?? this.assumed();
    const model = this.settings.model ?? d.models[0];
    return {
      id: this.id,
      name: this.engineName,
      description: this.description(),
      neural: true,
      modes: d.generates ? ['generate', 'edit'] : ['edit'],
      maxReferences: d.references,
      maxOutputs: MAX_OUTPUTS,
      sizePresets: ['1K'],
      minPixels: MIN_SIDE * MIN_SIDE,
      maxPixels: MAX_SIDE * MAX_SIDE,
      maxSide: MAX_SIDE,
      seed: true,
      styles: [],
      streaming: false,
      watermark: false,
      defaultSize: '1K',
      ...(model ? { model } : {}),
      tools: d.tools,
      upscaleFactors: d.tools.includes('upscale') ? [2, 4] : [],
      controls: [...this.controls(), ...(d.workflows?.length ? ['workflow' as const] : [])],
      samplers: d.samplers,
      ...(d.workflows?.length ? { workflows: d.workflows } : {}),
    };
  }

  /** Asks the engine again what it has; a failure keeps what was known and shows on the health page. */
  refresh(): Promise<void> {
    this.discovering ??= (async () => {
      const started = this.runtime.now();
      try {
        this.found = await this.discover(AbortSignal.timeout(DISCOVERY_TIMEOUT_MS));
        this.askAgainAt = this.runtime.now() + DISCOVERY_TTL_MS;
        if (this.found.problem) {
          await this.health.record({ engine: this.id, model: this.settings.model ?? '', outcome: 'error', code: 'CONFIG_PROBLEM',
            detail: this.found.problem, durationMs: this.runtime.now() - started }).catch(() => undefined);
        }
      } catch (err) {
        this.askAgainAt = this.runtime.now() + DISCOVERY_RETRY_MS;
        await this.health.record({ engine: this.id, model: this.settings.model ?? '', outcome: 'error', code: 'DISCOVERY_FAILED',
          detail: `asking ${this.engineName} what it has failed: ${(err as Error).message}`, durationMs: this.runtime.now() - started })
          .catch(() => undefined);
      } finally {
        this.discovering = undefined;
      }
    })();
    return this.discovering;
  }

  checkRequest(req: EngineRequestCheck): void {
    if (req.mode === 'generate' && (req.width % 8 !== 0 || req.height % 8 !== 0)) {
      throw new EngineRequestError('size', `${this.engineName} makes images whose sides are multiples of 8 (asked: ${req.width}×${req.height}).`);
    }
    if (req.mode === 'generate' && (Math.min(req.width, req.height) < MIN_SIDE)) {
      throw new EngineRequestError('size', `${this.engineName} makes images at least ${MIN_SIDE} pixels a side.`);
    }
  }

  planEdit(input: { instruction?: string; operations?: unknown; tool?: EditTool; scale?: number }): EditPlan {
    if (Array.isArray(input.operations) && input.operations.length > 0) {
      throw new EditPlanError(`${this.engineName} edits with its tools (instruction, inpaint, upscale, background removal), not structured operations.`);
    }
    const tool = input.tool ?? 'instruct';
    const instruction = input.instruction?.trim();
    if (tool === 'upscale') return { instruction, summary: `Upscale ${input.scale ?? 2}×` };
    if (tool === 'removeBackground') return { instruction, summary: 'Remove background' };
    if (!instruction) throw new EditPlanError(`Say in words what ${this.engineName} should paint.`);
    return { instruction, summary: instruction };
  }

  async run(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
    if (!this.found) await this.refresh();
    const slots = new OutputSlots(job.count, job.doneIndexes);
    const delivery = new OutputDelivery(ctx, slots, this.engineName, {
      baseUrl: this.settings.baseUrl, hosts: [], timeoutMs: this.settings.timeoutMs, signal: ctx.signal,
    });
    let model = this.settings.model ?? this.found?.models[0];
    const attempts = { engine: this.id, model: model ?? '', provider: this.engineName, retry: this.settings.retry,
      health: this.health, runtime: this.runtime, signal: ctx.signal };
    await delivery.settleOnFailure(() => withAttempts(attempts, async () => {
      const remaining = slots.remaining();
      if (remaining.length === 0) return;
      // Not knowing what the engine has (it was down or slow to answer) is asked again as part of the attempt, so a
      // failure is retried like any call instead of sending a workflow without its model.
      if (!this.found) {
        this.found = await this.discover(ctx.signal);
        this.askAgainAt = this.runtime.now() + DISCOVERY_TTL_MS;
        model = this.settings.model ?? this.found.models[0];
      }
      await this.request({ job, ctx, delivery, wanted: remaining.length, firstIndex: remaining[0]!, indexFor: slots.forRequest(), model });
    }));
    await delivery.missing(this.engineName);
    return { model };
  }
}

/**
 * The upscaler the upscale tool uses: the one `variable` names, else the engine's first. A name the engine lacks
 * turns the tool off (rather than silently upscaling with another model) and says why.
 */
export function chooseUpscaler(engineName: string, models: string[], wanted: string | undefined, variable: string): Pick<Discovery, 'upscaler' | 'problem'> {
  if (wanted === undefined) return { upscaler: models[0] };
  if (models.includes(wanted)) return { upscaler: wanted };
  return { problem: `${variable}=${JSON.stringify(wanted)} is not an upscaler model of this ${engineName} ` +
    `(it has: ${models.length ? models.join(', ') : 'none'}); the upscale tool is off until it names one.` };
}

/** Seed of output `index` in a consistent set: the set's seed plus the index, as both engines number a batch. */
export const seedFor = (job: EngineJob, index: number) => (job.seed + index) % 2_147_483_647;
