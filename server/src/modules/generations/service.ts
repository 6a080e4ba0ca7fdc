import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, Generation, User } from '../../db/schema.js';
import {
  EditPlanError, EngineRequestError, isEditPlanner, isRequestChecker, type EditPlan, type EditTool, type EngineCapabilities,
  type EngineRequestCheck, type ImageEngine, type SamplingSettings,
} from '../../engines/engine.js';
import type { EngineRegistry } from '../../engines/registry.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { ListTotal } from '../../db/bounded-count.js';
import { decodeCursor, toPage, type Page } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { groupBy } from '../../lib/group-by.js';
import { MediaError, parseSize, sizeLabel } from '../../media/index.js';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { JobQueue } from '../../queue/job-queue.js';
import type { UserRepository } from '../auth/repository.js';
import type { GenerationAssetPort } from '../assets/generation-port.js';
import { CLASSIC_EDIT_MODEL, routeEdit } from '../edits/route.js';
import { isTerminal, toGenerationDto, type GenerationDto, type GenerationParams } from './dto.js';
import type { CreatorCheck, GenerationAdmission, RequestLimits, RequestShape } from './admission.js';
import type { EndHook } from './end-hooks.js';
import { pricedSize } from './cost-shape.js';
import type { PromptGate } from '../moderation/service.js';
import { editToolFor, samplingFor, toolNeedsWords } from './engine-options.js';
import type { GenerationEvents } from './events.js';
import type { GenerationRepository, HistoryFilter } from './repository.js';

export const GENERATION_JOB = 'generation';
/** A set never exceeds 15 images, references included (the strictest provider rule, applied everywhere). */
export const MAX_SET_TOTAL = 15;

/** Whether the request came from someone who accepted usage analytics (the analytics cookie): only then is it counted. */
export interface UsageConsent {
  analyticsAccepted?: boolean;
}

/** Told of every accepted generation, without who asked (usage analytics: daily counts only). Must be cheap. */
export interface GenerationUsageHook {
  generationAccepted(g: { mode: 'generate' | 'edit'; engine: string; style: string | null; size: string; count: number }): void;
}

/** Which of the person's own provider keys a job on an engine runs on (bring your own key); undefined: the server's. */
export interface OwnKeyChoice {
  keyFor(userId: string, engine: string): Promise<string | undefined>;
}

/** Which generations are steps of a workflow run (modules/workflows answers it). */
export interface WorkflowRunLinks {
  runsOf(generationIds: readonly string[]): Promise<Map<string, { id: string; name: string; step: number }>>;
}

export interface GenerateInput extends SamplingSettings {
  prompt: string;
  engine?: string;
  model?: string;
  size?: string;
  aspectRatio?: string;
  seed?: number;
  count?: number;
  references?: string[];
  style?: string;
  watermark?: boolean;
}

export interface EditInput {
  assetId: string;
  instruction?: string;
  operations?: unknown[];
  engine?: string;
  tool?: EditTool;
  /** Inpaint: asset id of the mask. */
  mask?: string;
  scale?: number;
  /** Which of the engine's workflows for the tool runs. */
  workflow?: string;
}

/** A validated request, ready to be written: what `enqueueIn` turns into a queued generation. */
export interface PlannedGeneration {
  mode: 'generate' | 'edit';
  prompt: string;
  params: GenerationParams;
  engine: ImageEngine;
  parentAssetId: string | null;
}

export class GenerationService {
  constructor(
    private readonly db: Db,
    private readonly repo: GenerationRepository,
    private readonly assets: GenerationAssetPort,
    private readonly engines: EngineRegistry,
    private readonly queue: JobQueue,
    private readonly outbox: JobOutbox,
    private readonly events: GenerationEvents,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly usage?: GenerationUsageHook,
    private readonly gates: {
      creators?: CreatorCheck; admission?: GenerationAdmission; limits?: RequestLimits; moderation?: PromptGate; ownKeys?: OwnKeyChoice; runs?: WorkflowRunLinks;
      /** A generation was canceled (the runner tells the other endings): its end hooks (GenerationEndHooks.run). */
      onEnded?: EndHook;
    } = {},
  ) {}

  /** `user`: the caller's row when the route already has it (saves reading it again for their defaults). */
  async generate(userId: string, input: GenerateInput, user?: Pick<User, 'id' | 'watermark_default'>, usage: UsageConsent = {}): Promise<GenerationDto> {
    await this.gates.limits?.take('generation', userId);
    return this.enqueue(userId, await this.planGenerate(userId, input, user), usage);
  }

  /** The rate limit the studio's requests take: a batch takes it once for all its rows. */
  async takeRequestLimit(userId: string): Promise<void> {
    await this.gates.limits?.take('generation', userId);
  }

  /**
   * Every check of `generate` (engine rules, references owned, sizes, the plan's pre-check), without writing
   * anything; `enqueueIn` writes it.
   */
  async planGenerate(userId: string, input: GenerateInput, user?: Pick<User, 'id' | 'watermark_default'>): Promise<PlannedGeneration> {
    await this.assertMayCreate(userId);
    const engine = this.engines.get(input.engine);
    const caps = engine.describe();
    requireMode(caps, 'generate');
    const prompt = input.prompt.trim();
    if (!prompt) throw new AppError('VALIDATION_FAILED', 'Write a prompt describing the image.', { field: 'prompt' });
    const count = input.count ?? 1;
    const references = input.references ?? [];
    if (count > caps.maxOutputs) {
      throw new AppError('VALIDATION_FAILED', `${caps.name} makes at most ${caps.maxOutputs} images at once.`, { field: 'count' });
    }
    if (references.length > caps.maxReferences) {
      throw new AppError('VALIDATION_FAILED', `${caps.name} takes at most ${caps.maxReferences} reference images.`, { field: 'references' });
    }
    if (new Set(references).size !== references.length) {
      throw new AppError('VALIDATION_FAILED', 'The same reference image is listed twice.', { field: 'references' });
    }
    if (count > 1 && references.length + count > MAX_SET_TOTAL) {
      throw new AppError('VALIDATION_FAILED',
        `References plus images in a set may not exceed ${MAX_SET_TOTAL} (you asked for ${references.length} + ${count}).`, { field: 'count' });
    }
    if (input.style && !caps.styles.includes(input.style)) {
      throw new AppError('VALIDATION_FAILED', `Unknown style "${input.style}". Styles: ${caps.styles.join(', ')}.`, { field: 'style' });
    }
    if (input.seed !== undefined && !caps.seed) {
      throw new AppError('VALIDATION_FAILED', `${caps.name} does not accept a seed.`, { field: 'seed' });
    }
    // A set made from a reference runs the engine's image-to-image workflow.
    const sampling = samplingFor(caps, input, references.length > 0 ? 'instruct' : 'generate');
    const size = input.size ?? caps.defaultSize;
    const { width, height } = sizeFor(caps, size, input.aspectRatio);
    const referenceAssets = await this.assets.requireOwned(userId, references);
    const label = sizeLabel(size, { width, height });
    checkWithEngine(engine, { mode: 'generate', size: label, width, height, count, seed: input.seed, images: referenceAssets });
    const watermark = input.watermark ?? (await this.watermarksByDefault(userId, user));
    const params: GenerationParams = {
      size: label,
      width,
      height,
      seed: input.seed ?? null,
      resolvedSeed: input.seed ?? crypto.randomInt(0, 2_147_483_647),
      count,
      style: input.style ?? null,
      watermark,
      references,
      model: modelFor(caps, input.model),
      aspectRatio: input.aspectRatio ?? null,
      ...sampling,
      ...(await this.ownKey(userId, engine)),
    };
    const plan: PlannedGeneration = { mode: 'generate', prompt, params, engine, parentAssetId: null };
    await this.checkPrompt(userId, plan);
    await this.gates.admission?.check(shapeOf(userId, plan));
    return plan;
  }

  /** The id of the engine a request naming `name` (or none: the default) runs on. */
  engineId(name?: string): string {
    return this.engines.get(name).id;
  }

  async edit(userId: string, input: EditInput, usage: UsageConsent = {}): Promise<GenerationDto> {
    await this.gates.limits?.take('generation', userId);
    return this.enqueue(userId, await this.planEdit(userId, input), usage);
  }

  /** Every check of `edit` (source and mask owned, the tool, the prompt policy, admission) without writing anything. */
  async planEdit(userId: string, input: EditInput): Promise<PlannedGeneration> {
    await this.assertMayCreate(userId);
    const engine = this.engines.get(input.engine);
    const caps = engine.describe();
    // An instruction is routed (classic edit or the engine); the other tools are always the chosen engine's.
    const tool: EditTool = input.tool ?? (input.mask ? 'inpaint' : 'instruct');
    const byTool = tool !== 'instruct' || input.scale !== undefined;
    const { scale } = byTool ? editToolFor(caps, this.engines.list(), input) : { scale: undefined };
    if (toolNeedsWords(tool) && !input.instruction?.trim() && !input.operations?.length) {
      throw new AppError('VALIDATION_FAILED', 'Say what to change: give an instruction or a list of operations.', { field: 'instruction' });
    }
    // Before the instruction is interpreted (an engine or the classic editor may refuse to understand it first).
    await this.gates.moderation?.checkPrompt(userId, [input.instruction]);
    const [source, mask] = await this.assets.requireOwned(userId, input.mask ? [input.assetId, input.mask] : [input.assetId]);
    if (mask && (mask.width !== source!.width || mask.height !== source!.height)) {
      throw new AppError('VALIDATION_FAILED', `The mask (${mask.width}×${mask.height}) must be the size of the image (${source!.width}×${source!.height}).`, { field: 'mask' });
    }
    const route = byTool
      ? { kind: 'engine' as const, plan: planWithTool(engine, { instruction: input.instruction, tool, scale }) }
      : routeEdit(engine, this.engines.list(), { instruction: input.instruction, operations: input.operations }, source!);
    // An enlargement done by an engine's upscaler runs on that engine (which may not be the one chosen).
    const runner = route.kind === 'upscale' ? this.engines.get(route.engine) : engine;
    if (route.kind !== 'classic') {
      checkWithEngine(runner, { mode: 'edit', size: `${source!.width}x${source!.height}`, width: source!.width, height: source!.height, count: 1, images: [source!] });
    }
    const plan = route.plan;
    // A workflow is one of the chosen engine's for the tool; an instruction done classically (or by an upscaler) runs none.
    const { workflow } = input.workflow !== undefined && route.kind === 'engine' ? samplingFor(caps, { workflow: input.workflow }, tool)
      : { workflow: undefined };
    const params: GenerationParams = {
      size: `${source!.width}x${source!.height}`,
      width: source!.width,
      height: source!.height,
      seed: null,
      resolvedSeed: 0,
      count: 1,
      style: null,
      watermark: false,
      references: [],
      model: route.kind === 'classic' ? CLASSIC_EDIT_MODEL : runner.describe().model ?? null,
      aspectRatio: null,
      instruction: plan.instruction,
      operations: plan.operations,
      sourceAssetId: source!.id,
      ...(input.tool || mask ? { tool } : {}),
      ...(mask ? { maskAssetId: mask.id } : {}),
      ...(scale ? { scale } : {}),
      ...(workflow ? { workflow } : {}),
      ...(route.kind === 'engine' ? await this.ownKey(userId, engine) : {}),
      ...(route.kind === 'upscale' ? { tool: 'upscale' as const, scale: route.scale, upscaleTo: route.longSide } : {}),
    };
    const planned: PlannedGeneration = { mode: 'edit', prompt: plan.summary, params, engine: runner, parentAssetId: source!.id };
    await this.checkPrompt(userId, planned);
    await this.gates.admission?.check(shapeOf(userId, planned));
    return planned;
  }

  async get(userId: string, id: string): Promise<GenerationDto> {
    const g = await this.requireOwned(userId, id);
    return this.withRuns([toGenerationDto(g, await this.repo.outputsFor([g.id]))]).then(([dto]) => dto!);
  }

  async history(userId: string, filter: HistoryFilter, cursor: string | undefined, limit: number): Promise<Page<GenerationDto>> {
    const rows = await this.repo.history(userId, filter, decodeCursor(cursor), limit);
    const outputs = await this.repo.outputsFor(rows.slice(0, limit).map((r) => r.id));
    const byGen = groupBy(outputs, (o) => o.generation_id);
    const page = toPage(rows, limit, (g) => toGenerationDto(g, byGen.get(g.id) ?? []));
    return { ...page, items: await this.withRuns(page.items), ...(await this.totalOf(userId, filter, cursor !== undefined)) };
  }

  /** Exact from the kept counters; with search text counted in the newest generations (textTotal), on the first page only. */
  private async totalOf(userId: string, filter: HistoryFilter, laterPage: boolean): Promise<ListTotal | Record<string, never>> {
    const base = await this.repo.countOf(userId, filter);
    if (!filter.q) return { total: base, totalAccuracy: 'exact' };
    if (laterPage) return {};
    return this.repo.textTotal(userId, { ...filter, q: filter.q }, base);
  }

  /** Each generation that is a step of a workflow run names the run. */
  private async withRuns(items: GenerationDto[]): Promise<GenerationDto[]> {
    const runs = await this.gates.runs?.runsOf(items.map((g) => g.id));
    if (!runs?.size) return items;
    return items.map((g) => (runs.has(g.id) ? { ...g, workflowRun: runs.get(g.id)! } : g));
  }

  /** The person's own prompts, newest first, each once with how often it was used (among the last 1,000 generations). */
  async promptHistory(userId: string, q: string | undefined, limit: number): Promise<{ prompt: string; lastUsedAt: string; uses: number }[]> {
    const rows = await this.repo.recentPrompts(userId, q?.trim() || undefined, 1000);
    const byPrompt = new Map<string, { prompt: string; lastUsedAt: string; uses: number }>();
    for (const r of rows) {
      const seen = byPrompt.get(r.prompt);
      if (seen) seen.uses += 1;
      else byPrompt.set(r.prompt, { prompt: r.prompt, lastUsedAt: new Date(Number(r.created_at)).toISOString(), uses: 1 });
    }
    return [...byPrompt.values()].slice(0, limit);
  }

  async cancel(userId: string, id: string): Promise<GenerationDto> {
    const g = await this.requireOwned(userId, id);
    if (isTerminal(g.status)) {
      throw new AppError('INVALID_STATE', `This generation already ended (${g.status}); there is nothing to cancel.`);
    }
    await this.stop(g);
    return this.get(userId, id);
  }

  /** How many of the person's generations are queued or running. */
  countActive(userId: string): Promise<number> {
    return this.repo.countActiveIn(this.db, userId);
  }

  /** Cancels every queued and running generation of the person (account suspension); returns how many. */
  async cancelAllFor(userId: string): Promise<number> {
    const active = await this.repo.activeFor(userId);
    for (const g of active) await this.stop(g);
    return active.length;
  }

  /** Cancels one generation: its unused credits go back (billing), its job stops. */
  private async stop(g: Generation): Promise<void> {
    const id = g.id;
    if (await this.repo.finish(id, { status: 'canceled', finishedAt: this.clock.now() })) {
      this.events.publish(id, { type: 'status', status: 'canceled' });
      const produced = (await this.repo.outputsFor([id])).filter((o) => o.asset_id).length;
      await this.gates.admission?.ended({ id, userId: g.user_id, count: (JSON.parse(g.params) as GenerationParams).count, produced });
      await this.gates.onEnded?.({ ...g, status: 'canceled' }, 'canceled');
    }
    await this.queue.cancelSubject(id);
  }

  /** Runs the same request again as a new generation (a seed left open gets a fresh one). */
  async rerun(userId: string, id: string, usage: UsageConsent = {}): Promise<GenerationDto> {
    const g = await this.requireOwned(userId, id);
    const p = JSON.parse(g.params) as GenerationParams;
    if (g.mode === 'edit') {
      // The stored operations of an instruction are what reading it gave: read it again rather than add them twice.
      // An instruction sent to an upscaler is routed again (the tool and factor follow from it).
      const byTool = p.upscaleTo === undefined ? { tool: p.tool, mask: p.maskAssetId, scale: p.scale } : {};
      return this.edit(userId, { assetId: p.sourceAssetId!, instruction: p.instruction, operations: p.instruction ? undefined : p.operations, engine: g.engine,
        workflow: p.workflow, ...byTool }, usage);
    }
    return this.generate(userId, {
      prompt: g.prompt, engine: g.engine, model: p.model ?? undefined, size: p.size, aspectRatio: p.aspectRatio ?? undefined,
      seed: p.seed ?? undefined, count: p.count, references: p.references, style: p.style ?? undefined, watermark: p.watermark,
      negativePrompt: p.negativePrompt, steps: p.steps, guidance: p.guidance, sampler: p.sampler, workflow: p.workflow,
    }, undefined, usage);
  }

  /**
   * A generation's line of work, oldest first: the generations it comes from (through the images its edits started
   * from), itself, then the edits made from it, each time the newest edit of the previous step's images. At most `max`.
   */
  async lineage(userId: string, id: string, max: number): Promise<Generation[]> {
    const line = [await this.requireOwned(userId, id)];
    while (line[0]!.mode === 'edit' && line[0]!.parent_asset_id && line.length < max) {
      const parent = await this.repo.ofOutputAsset(userId, line[0]!.parent_asset_id);
      if (!parent) break;
      line.unshift(parent);
    }
    while (line.length < max) {
      const outputs = (await this.repo.outputsFor([line.at(-1)!.id])).flatMap((o) => (o.asset_id ? [o.asset_id] : []));
      const [next] = await this.repo.editsOf(userId, outputs);
      if (!next) break;
      line.push(next);
    }
    return line;
  }

  /**
   * Whether the person may start jobs at all (ATELIER_REQUIRE_VERIFIED_EMAIL), before anything of a request is read:
   * the first check of every plan, and of a workflow run whose first step plans later.
   */
  async assertMayCreate(userId: string): Promise<void> {
    await this.gates.creators?.assertMayCreate(userId);
  }

  /** The prompt policy alone (moderation), for texts checked before the request they belong to is planned. */
  async screenPrompts(userId: string, texts: Array<string | undefined>): Promise<void> {
    await this.gates.moderation?.checkPrompt(userId, texts);
  }

  async requireOwned(userId: string, id: string): Promise<Generation> {
    const g = await this.repo.findOwned(userId, id);
    if (!g) throw notFound('Generation');
    return g;
  }

  /** The person's own key for the engine, named (by id) in the job's parameters: the worker unseals it for the job. */
  private async ownKey(userId: string, engine: ImageEngine): Promise<{ providerKeyId?: string }> {
    const providerKeyId = await this.gates.ownKeys?.keyFor(userId, engine.id);
    return providerKeyId ? { providerKeyId } : {};
  }

  private async watermarksByDefault(userId: string, known?: Pick<User, 'id' | 'watermark_default'>): Promise<boolean> {
    const user = known?.id === userId ? known : await this.users.findById(userId);
    return user?.watermark_default === 1;
  }

  /**
   * The generation row and its job are written in one transaction: durable before the 202 goes out. The prompt policy
   * (moderation) decides before it, the admission (plan limits, credits) inside it, so every way of starting a job passes it and a refusal stores nothing.
   */
  private async enqueue(userId: string, plan: PlannedGeneration, usage: UsageConsent): Promise<GenerationDto> {
    const row = await this.db.transaction().execute((trx) => this.enqueueIn(trx, userId, plan));
    this.accepted([plan], usage);
    // The answer describes the committed row: queued, with no outputs yet.
    return toGenerationDto(row, []);
  }

  /**
   * Admits and writes a planned generation and its job in the caller's transaction; after the commit, call `accepted`.
   * `continuesRun`: a later step of a workflow run already admitted, which takes over the slot its previous step held;
   * the plan's concurrent-job limit does not refuse it (credits and every other check still apply).
   */
  async enqueueIn(trx: Transaction<Database>, userId: string, plan: PlannedGeneration, opts: { continuesRun?: boolean } = {}): Promise<Generation> {
    const id = newId();
    const activeJobs = opts.continuesRun ? async () => 0 : () => this.repo.countActiveIn(trx, userId);
    await this.gates.admission?.admitIn(trx, { ...shapeOf(userId, plan), generationId: id, activeJobs });
    const inserted = await this.repo.insertIn(trx, {
      id, user_id: userId, mode: plan.mode, prompt: plan.prompt, params: JSON.stringify(plan.params), engine: plan.engine.id,
      model: plan.params.model, status: 'queued', error: null, parent_asset_id: plan.parentAssetId, usage: null,
      created_at: this.clock.now(), started_at: null, finished_at: null,
    });
    await this.outbox.addIn(trx, { kind: GENERATION_JOB, subjectId: id, userId, cost: plan.params.count });
    return inserted;
  }

  /** The prompt policy, before anything is stored or reserved: a refused prompt is counted and answers 422. */
  private async checkPrompt(userId: string, plan: PlannedGeneration): Promise<void> {
    await this.gates.moderation?.checkPrompt(userId, [plan.prompt, plan.params.instruction]);
  }

  /** After the commit of `enqueueIn`: the jobs go to the queue, and usage is counted (with consent). */
  accepted(plans: readonly PlannedGeneration[], usage: UsageConsent = {}): void {
    this.outbox.committed();
    if (!usage.analyticsAccepted) return;
    for (const plan of plans) {
      this.usage?.generationAccepted({
        mode: plan.mode, engine: plan.engine.id, style: plan.params.style, size: plan.params.size, count: plan.params.count,
      });
    }
  }
}

/** A planned generation as the plan's checks see it (credits, engines, set size): an upscale by the size it makes. */
export const shapeOf = (userId: string, plan: PlannedGeneration): RequestShape => ({
  userId, engine: plan.engine.id, ...pricedSize(plan.params), count: plan.params.count, providerKeyId: plan.params.providerKeyId,
});

function requireMode(caps: EngineCapabilities, mode: 'generate') {
  if (!caps.modes.includes(mode)) {
    throw new AppError('VALIDATION_FAILED', `${caps.name} cannot generate images.`, { field: 'engine' });
  }
}

/** An edit with a tool (inpaint, upscale, background removal), planned by the engine that offers it. */
function planWithTool(engine: ImageEngine, input: { instruction?: string; tool: EditTool; scale?: number }): EditPlan {
  if (!isEditPlanner(engine)) return { instruction: input.instruction?.trim(), summary: input.instruction?.trim() || input.tool };
  try {
    return engine.planEdit(input);
  } catch (err) {
    if (err instanceof EditPlanError) throw new AppError('INVALID_INSTRUCTION', err.message, { understood: err.understood });
    throw err;
  }
}

/** Provider rules beyond the capabilities (per-model sizes, input shapes), refused before anything is queued. */
function checkWithEngine(engine: ImageEngine, req: EngineRequestCheck) {
  if (!isRequestChecker(engine)) return;
  try {
    engine.checkRequest(req);
  } catch (err) {
    if (err instanceof EngineRequestError) {
      throw new AppError(err.field === 'size' ? 'INVALID_SIZE' : 'VALIDATION_FAILED', err.message, { field: err.field });
    }
    throw err;
  }
}

/** A provider engine serves the one model it is configured with; the generation records it. */
function modelFor(caps: EngineCapabilities, asked: string | undefined): string | null {
  if (asked !== undefined && caps.model !== undefined && asked !== caps.model) {
    throw new AppError('VALIDATION_FAILED', `${caps.name} on this server runs ${caps.model}, not ${asked}.`, { field: 'model' });
  }
  return asked ?? caps.model ?? null;
}

function sizeFor(caps: EngineCapabilities, size: string | undefined, aspect: string | undefined) {
  try {
    return parseSize(size, { presets: caps.sizePresets, minPixels: caps.minPixels, maxPixels: caps.maxPixels, maxSide: caps.maxSide }, aspect);
  } catch (err) {
    if (err instanceof MediaError) throw new AppError('INVALID_SIZE', err.message, { field: 'size' });
    throw err;
  }
}
