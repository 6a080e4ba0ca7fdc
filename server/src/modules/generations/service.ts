import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, Generation, User } from '../../db/schema.js';
import {
  EngineRequestError, isRequestChecker, type EngineCapabilities,
  type EngineRequestCheck, type ImageEngine,
} from '../../engines/engine.js';
import type { EngineRegistry } from '../../engines/registry.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
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
import type { GenerationEvents } from './events.js';
import type { GenerationRepository, HistoryFilter } from './repository.js';

export const GENERATION_JOB = 'generation';
/** A set never exceeds 15 images, references included (the strictest provider rule, applied everywhere). */
export const MAX_SET_TOTAL = 15;

/** Told of every accepted generation, without who asked (usage analytics: daily counts only). Must be cheap. */
export interface GenerationUsageHook {
  generationAccepted(g: { mode: 'generate' | 'edit'; engine: string; style: string | null; size: string; count: number }): void;
}

export interface GenerateInput {
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

/** A validated request, ready to be written: what `enqueueIn` turns into a queued generation. */
export interface PlannedGeneration {
  mode: 'generate' | 'edit';
  prompt: string;
  params: GenerationParams;
  engine: ImageEngine;
  parentAssetId: string | null;
}

export interface EditInput {
  assetId: string;
  instruction?: string;
  operations?: unknown[];
  engine?: string;
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
  ) {}

  /** `user`: the caller's row when the route already has it (saves reading it again for their defaults). */
  async generate(userId: string, input: GenerateInput, user?: Pick<User, 'id' | 'watermark_default'>): Promise<GenerationDto> {
    return this.enqueue(userId, await this.planGenerate(userId, input, user));
  }

  /** Every check of `generate` (engine rules, references owned, sizes), without writing anything. */
  async planGenerate(userId: string, input: GenerateInput, user?: Pick<User, 'id' | 'watermark_default'>): Promise<PlannedGeneration> {
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
    };
    return { mode: 'generate', prompt, params, engine, parentAssetId: null };
  }

  async edit(userId: string, input: EditInput): Promise<GenerationDto> {
    const engine = this.engines.get(input.engine);
    const caps = engine.describe();
    if (!input.instruction?.trim() && !input.operations?.length) {
      throw new AppError('VALIDATION_FAILED', 'Say what to change: give an instruction or a list of operations.', { field: 'instruction' });
    }
    const [source] = await this.assets.requireOwned(userId, [input.assetId]);
    const route = routeEdit(engine, this.engines.list(), { instruction: input.instruction, operations: input.operations }, source!);
    if (route.kind === 'engine') {
      checkWithEngine(engine, { mode: 'edit', size: `${source!.width}x${source!.height}`, width: source!.width, height: source!.height, count: 1, images: [source!] });
    }
    const plan = route.plan;
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
      model: route.kind === 'classic' ? CLASSIC_EDIT_MODEL : caps.model ?? null,
      aspectRatio: null,
      instruction: plan.instruction,
      operations: plan.operations,
      sourceAssetId: source!.id,
    };
    return this.enqueue(userId, { mode: 'edit', prompt: plan.summary, params, engine, parentAssetId: source!.id });
  }

  async get(userId: string, id: string): Promise<GenerationDto> {
    const g = await this.requireOwned(userId, id);
    return toGenerationDto(g, await this.repo.outputsFor([g.id]));
  }

  async history(userId: string, filter: HistoryFilter, cursor: string | undefined, limit: number): Promise<Page<GenerationDto>> {
    const rows = await this.repo.history(userId, filter, decodeCursor(cursor), limit);
    const outputs = await this.repo.outputsFor(rows.slice(0, limit).map((r) => r.id));
    const byGen = groupBy(outputs, (o) => o.generation_id);
    return toPage(rows, limit, (g) => toGenerationDto(g, byGen.get(g.id) ?? []));
  }

  async cancel(userId: string, id: string): Promise<GenerationDto> {
    const g = await this.requireOwned(userId, id);
    if (isTerminal(g.status)) {
      throw new AppError('INVALID_STATE', `This generation already ended (${g.status}); there is nothing to cancel.`);
    }
    if (await this.repo.finish(id, { status: 'canceled', finishedAt: this.clock.now() })) {
      this.events.publish(id, { type: 'status', status: 'canceled' });
    }
    await this.queue.cancelSubject(id);
    return this.get(userId, id);
  }

  /** Runs the same request again as a new generation (a seed left open gets a fresh one). */
  async rerun(userId: string, id: string): Promise<GenerationDto> {
    const g = await this.requireOwned(userId, id);
    const p = JSON.parse(g.params) as GenerationParams;
    if (g.mode === 'edit') {
      return this.edit(userId, { assetId: p.sourceAssetId!, instruction: p.instruction, operations: p.operations, engine: g.engine });
    }
    return this.generate(userId, {
      prompt: g.prompt, engine: g.engine, model: p.model ?? undefined, size: p.size, aspectRatio: p.aspectRatio ?? undefined,
      seed: p.seed ?? undefined, count: p.count, references: p.references, style: p.style ?? undefined, watermark: p.watermark,
    });
  }

  async requireOwned(userId: string, id: string): Promise<Generation> {
    const g = await this.repo.findOwned(userId, id);
    if (!g) throw notFound('Generation');
    return g;
  }

  private async watermarksByDefault(userId: string, known?: Pick<User, 'id' | 'watermark_default'>): Promise<boolean> {
    const user = known?.id === userId ? known : await this.users.findById(userId);
    return user?.watermark_default === 1;
  }

  /** The generation row and its job are written in one transaction: durable before the 202 goes out. */
  private async enqueue(userId: string, plan: PlannedGeneration): Promise<GenerationDto> {
    const row = await this.db.transaction().execute((trx) => this.enqueueIn(trx, userId, plan));
    this.accepted([plan]);
    // The answer describes the committed row: queued, with no outputs yet.
    return toGenerationDto(row, []);
  }

  /** Writes a planned generation and its job in the caller's transaction; after the commit, call `accepted`. */
  async enqueueIn(trx: Transaction<Database>, userId: string, plan: PlannedGeneration): Promise<Generation> {
    const id = newId();
    const inserted = await this.repo.insertIn(trx, {
      id, user_id: userId, mode: plan.mode, prompt: plan.prompt, params: JSON.stringify(plan.params), engine: plan.engine.id,
      model: plan.params.model, status: 'queued', error: null, parent_asset_id: plan.parentAssetId, usage: null,
      created_at: this.clock.now(), started_at: null, finished_at: null,
    });
    await this.outbox.addIn(trx, { kind: GENERATION_JOB, subjectId: id, userId, cost: plan.params.count });
    return inserted;
  }

  /** After the commit of `enqueueIn`: the jobs go to the queue, and usage is counted. */
  accepted(plans: readonly PlannedGeneration[]): void {
    this.outbox.committed();
    for (const plan of plans) {
      this.usage?.generationAccepted({
        mode: plan.mode, engine: plan.engine.id, style: plan.params.style, size: plan.params.size, count: plan.params.count,
      });
    }
  }
}

function requireMode(caps: EngineCapabilities, mode: 'generate') {
  if (!caps.modes.includes(mode)) {
    throw new AppError('VALIDATION_FAILED', `${caps.name} cannot generate images.`, { field: 'engine' });
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
