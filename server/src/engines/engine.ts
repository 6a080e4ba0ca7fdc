/** The seam every image engine plugs into (builtin, seedream, openai, onnx). */
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from '../http/errors.js';
import type { EditOperation } from '../modules/edits/edit-operation.js';
import type { EditToolSchema, EngineCapabilitiesSchema, EngineModeSchema, NamedWorkflowSchema, SamplingControlSchema } from './schemas.js';

export type EngineMode = Static<typeof EngineModeSchema>;
export type EngineCapabilities = Static<typeof EngineCapabilitiesSchema>;
export type EditTool = Static<typeof EditToolSchema>;
export type SamplingControl = Static<typeof SamplingControlSchema>;
export type NamedWorkflow = Static<typeof NamedWorkflowSchema>;

/** Diffusion settings asked for; only those the engine lists in `controls` are ever set. */
export interface SamplingSettings {
  negativePrompt?: string;
  steps?: number;
  guidance?: number;
  sampler?: string;
  /** Which of the engine's workflows for the job's tool runs (absent: its default). */
  workflow?: string;
}

/** A decoded reference image handed to an engine (already decrypted, already normalised by the media layer). */
export interface EngineReference {
  assetId: string;
  mime: string;
  width: number;
  height: number;
  data: Buffer;
}

/** Classic edit operations are published by the edits module (types only, no imports: no cycle). */
export type { EditOperation } from '../modules/edits/edit-operation.js';

export interface EngineJob {
  generationId: string;
  mode: EngineMode;
  prompt: string;
  width: number;
  height: number;
  /** The size as asked for ('2K' or 'WxH'); a provider may pass a preset on and let the model pick the shape. */
  size?: string;
  /** With a preset size: the aspect ratio asked for (width/height above already follow it). */
  aspectRatio?: string;
  seed: number;
  count: number;
  style?: string;
  watermark: boolean;
  references: EngineReference[];
  /** Edit mode: the image to edit and the operations to apply (already parsed from the instruction). */
  source?: EngineReference;
  operations?: EditOperation[];
  instruction?: string;
  /** Edit mode: which tool (absent: 'instruct'); inpaint repaints where `mask` is white; upscale enlarges by `scale`. */
  tool?: EditTool;
  mask?: EngineReference;
  scale?: number;
  sampling?: SamplingSettings;
  /** Output indexes already stored by an earlier attempt; the engine may skip them. */
  doneIndexes: ReadonlySet<number>;
  /** The person's own provider key for this job (bring your own key); absent: the server's. Never logged. */
  credential?: EngineCredential;
}

/** A person's own key for a provider engine, unsealed for one job or one check. */
export interface EngineCredential {
  apiKey: string;
  /** An OpenAI-compatible server of their choosing (already checked against private addresses); absent: the server's. */
  baseUrl?: string;
}

/** Provider engines that can run on a person's own key check it once, when it is saved. */
export interface OwnKeyChecker {
  /** Resolves when the provider accepts the key; throws OwnKeyRefusedError saying why when it does not. */
  checkKey(credential: EngineCredential, signal: AbortSignal): Promise<void>;
}

export function isOwnKeyChecker(engine: ImageEngine): engine is ImageEngine & OwnKeyChecker {
  return typeof (engine as Partial<OwnKeyChecker>).checkKey === 'function';
}

export interface EngineImage {
  index: number;
  data: Buffer;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

export interface EnginePreview {
  data: Buffer;
}

export interface EngineOutputError {
  index: number;
  code: ErrorCode;
  message: string;
}

export interface EngineContext {
  signal: AbortSignal;
  onImage(image: EngineImage): Promise<void>;
  onOutputError(error: EngineOutputError): Promise<void>;
  onProgress(fraction: number): void;
  /**
   * A picture of the work in progress (A1111's current image, ComfyUI's preview frames): shown live while the job
   * runs, never stored. Engines without one never call it; calls may come often, the receiver thins them out.
   */
  onPreview?(preview: EnginePreview): void;
  /**
   * The provider's usage figures for the calls this run made, reported once as the run ends, whether it succeeds
   * or fails: calls that delivered images before a failure were paid for too.
   */
  onUsage?(usage: Record<string, number>): void;
}

export interface EngineResult {
  usage?: Record<string, number>;
  model?: string;
}

export interface ImageEngine {
  readonly id: string;
  describe(): EngineCapabilities;
  run(job: EngineJob, ctx: EngineContext): Promise<EngineResult>;
  /** Releases what the engine holds (threads, connections); called once when the server shuts down. */
  close?(): Promise<void>;
}

/** Result of checking an edit request before it is queued. */
export interface EditPlan {
  operations?: EditOperation[];
  instruction?: string;
  /** A short human summary used as the edit's "prompt" in history. */
  summary: string;
}

/**
 * Engines that edit implement this to validate an edit before it is queued, so a request the engine cannot
 * carry out is refused with a 400 (INVALID_INSTRUCTION) instead of failing later in a worker.
 */
export interface EditPlanner {
  planEdit(input: { instruction?: string; operations?: unknown; tool?: EditTool; scale?: number }): EditPlan;
}

export class EditPlanError extends Error {
  constructor(message: string, readonly understood: string[] = []) {
    super(message);
  }
}

/** What an engine may check about a request before it is queued: everything known without calling anyone. */
export interface EngineRequestCheck {
  mode: EngineMode;
  /** Output size (for an edit: the source's size, which the engine may adapt). */
  size: string;
  width: number;
  height: number;
  count: number;
  seed?: number;
  /** The input images as recorded (references, or the edit's source). */
  images: Array<{ width: number; height: number; mime: string }>;
}

/** Engines whose provider has rules beyond the capabilities (per-model sizes, input shapes) check them here. */
export interface RequestChecker {
  /** Throws EngineRequestError for a request the provider would refuse; answered as a 400. */
  checkRequest(req: EngineRequestCheck): void;
}

export class EngineRequestError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function isRequestChecker(engine: ImageEngine): engine is ImageEngine & RequestChecker {
  return typeof (engine as Partial<RequestChecker>).checkRequest === 'function';
}

/**
 * A failure the person should see as it is: a refusal by the provider's safety check, a provider that kept failing.
 * `code` is stored as the generation's error code; the message names what went wrong in plain words.
 */
export class EngineJobError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** Thrown by engines for failures worth another attempt (rate limits, 5xx, timeouts). */
export class RetryableEngineError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

export function isEditPlanner(engine: ImageEngine): engine is ImageEngine & EditPlanner {
  return typeof (engine as Partial<EditPlanner>).planEdit === 'function';
}
