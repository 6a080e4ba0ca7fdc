import type { ProviderSettings } from '../engine-config.js';
import {
  EditPlanError, type EditPlan, type EditPlanner, type EngineCapabilities, type EngineContext, type EngineCredential, type EngineJob,
  type EngineMode, type EngineRequestCheck, type EngineResult, type ImageEngine, type OwnKeyChecker, type RequestChecker,
} from '../engine.js';
import type { HealthReporter } from '../health.js';
import { withAttempts } from './attempts.js';
import { probeKey, type KeyProbe } from './key-probe.js';
import { OutputDelivery } from './deliver.js';
import { prepareInput, type InputRules, type PreparedImage } from './references.js';
import { realRuntime, type ProviderRuntime } from './runtime.js';
import { OutputSlots, UsageTotal } from './slots.js';

/** What a provider engine describes itself; the shell adds its id, its model and that it is a neural model. */
export type ProviderCapabilities = Omit<EngineCapabilities, 'id' | 'neural' | 'model'>;

/** One request of a job: the images it asks for and where what comes back goes. */
export interface ProviderAttempt<S extends ProviderSettings = ProviderSettings> {
  /** The settings of this job: the server's, or with the person's own key (and base URL) in them. */
  settings: S;
  job: EngineJob;
  ctx: EngineContext;
  /** The job's input images (references, or the image to edit), already made acceptable to the provider. */
  inputs: PreparedImage[];
  /** What the inputs were, for messages that name what a safety check refused. */
  inputsSummary: { mode: EngineMode; images: number };
  /** How many images this request asks for: all of the set, or what earlier attempts left owed. */
  wanted: number;
  delivery: OutputDelivery;
  /** Provider index → output index for this request. */
  indexFor: (providerIndex: number) => number | undefined;
  usage: UsageTotal;
  /** The model the provider says answered, when it says (it then wins over the configured one in the result). */
  onModel(model: string): void;
}

/**
 * What every model-provider engine shares: input preparation, retries with health records, per-output delivery
 * (a set that fails half way keeps what arrived, and each missing image says why) and edits by instruction only.
 * An engine adds its capabilities, its request rules and `request`: one call to its API for one attempt.
 */
export abstract class ProviderEngine<S extends ProviderSettings> implements ImageEngine, RequestChecker, EditPlanner, OwnKeyChecker {
  abstract readonly id: string;
  /** The provider's name as people see it in messages: "Seedream", "OpenAI". */
  protected abstract readonly provider: string;

  constructor(
    protected readonly settings: S,
    private readonly health: HealthReporter,
    private readonly runtime: ProviderRuntime = realRuntime,
  ) {}

  abstract checkRequest(req: EngineRequestCheck): void;
  /** What the configured model can do. */
  protected abstract capabilities(): ProviderCapabilities;
  /** What input images the provider accepts as they are. */
  protected abstract inputRules(): InputRules;
  /** Sends one request for `attempt.wanted` images and hands each answered image or error to `attempt.delivery`. */
  protected abstract request(attempt: ProviderAttempt<S>): Promise<void>;
  /** The cheapest call that tells whether the provider accepts a key (a models list, or a request refused before any work). */
  protected abstract keyProbe(settings: S): KeyProbe;

  /** Who edits, in the messages of a refused edit. */
  protected editorName(): string {
    return this.provider;
  }

  describe(): EngineCapabilities {
    return { id: this.id, neural: true, model: this.settings.model, ...this.capabilities() };
  }

  planEdit(input: { instruction?: string; operations?: unknown }): EditPlan {
    if (Array.isArray(input.operations) && input.operations.length > 0) {
      throw new EditPlanError(`${this.editorName()} edits by instruction only; use the built-in engine for structured operations.`);
    }
    const instruction = input.instruction?.trim();
    if (!instruction) throw new EditPlanError(`Say in words what ${this.editorName()} should change.`);
    return { instruction, summary: instruction };
  }

  async checkKey(credential: EngineCredential, signal: AbortSignal): Promise<void> {
    const s = this.settingsFor(credential);
    await probeKey(s, this.keyProbe(s), this.provider, signal);
  }

  /** The server's settings, or the same with a person's own key (and base URL) in them. */
  private settingsFor(credential: EngineCredential | undefined): S {
    if (!credential) return this.settings;
    return { ...this.settings, apiKey: credential.apiKey, baseUrl: credential.baseUrl ?? this.settings.baseUrl };
  }

  async run(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
    const s = this.settingsFor(job.credential);
    const sources = job.mode === 'edit' ? (job.source ? [job.source] : []) : job.references;
    const inputs = await Promise.all(sources.map((r) => prepareInput(r, this.inputRules())));
    const slots = new OutputSlots(job.count, job.doneIndexes);
    const usage = new UsageTotal();
    const delivery = new OutputDelivery(ctx, slots, this.provider, {
      baseUrl: s.baseUrl, hosts: s.downloadHosts, timeoutMs: s.timeoutMs, signal: ctx.signal,
    });
    let model: string | undefined;
    // A person's key failing says nothing about the server's: their calls stay out of the engine's health.
    const attempts = { engine: this.id, model: s.model, provider: this.provider, retry: s.retry, ownKey: job.credential !== undefined,
      health: job.credential ? undefined : this.health, runtime: this.runtime, signal: ctx.signal };

    try {
      await delivery.settleOnFailure(() => withAttempts(attempts, async () => {
        const wanted = slots.remaining().length;
        if (wanted === 0) return;
        await this.request({
          settings: s, job, ctx, inputs, inputsSummary: { mode: job.mode, images: inputs.length }, wanted,
          delivery, indexFor: slots.forRequest(), usage, onModel: (m) => (model = m),
        });
      }));
      await delivery.missing(this.provider);
    } finally {
      const total = usage.result();
      if (total) ctx.onUsage?.(total);
    }
    return { usage: usage.result(), model: model ?? s.model };
  }
}
