import type { SeedreamSettings } from '../engine-config.js';
import {
  EditPlanError, type EditPlan, type EditPlanner, type EngineCapabilities, type EngineContext, type EngineJob,
  type EngineRequestCheck, type EngineResult, type ImageEngine, type RequestChecker,
} from '../engine.js';
import type { HealthReporter } from '../health.js';
import { withAttempts } from '../provider/attempts.js';
import { OutputDelivery } from '../provider/deliver.js';
import { prepareInput } from '../provider/references.js';
import { isEventStream, ProviderRequest, readErrorBody } from '../provider/request.js';
import { parseRetryAfter } from '../provider/retry.js';
import { realRuntime, type ProviderRuntime } from '../provider/runtime.js';
import { OutputSlots, UsageTotal } from '../provider/slots.js';
import { readEventStream } from '../provider/sse.js';
import { ProviderCallError } from '../provider/errors.js';
import { modelArkFailure, type ModelArkErrorBody } from './errors.js';
import { seedreamBody } from './request-body.js';
import { handleJsonAnswer, handleStreamEvent, type AnswerContext } from './response.js';
import { checkSeedreamRequest, maxSideOf, SEEDREAM_RULES, type SeedreamRules } from './rules.js';

const MAX_JSON_ANSWER = 256 * 1024 * 1024;

/** Seedream 4.0 / 4.5 on BytePlus ModelArk: always streamed, each image stored the moment it arrives. */
export class SeedreamEngine implements ImageEngine, RequestChecker, EditPlanner {
  readonly id = 'seedream';
  private readonly rules: SeedreamRules;

  constructor(
    private readonly settings: SeedreamSettings,
    private readonly health: HealthReporter,
    private readonly runtime: ProviderRuntime = realRuntime,
  ) {
    this.rules = SEEDREAM_RULES[settings.family];
  }

  describe(): EngineCapabilities {
    const r = this.rules;
    return {
      id: this.id,
      name: `Seedream ${r.family}`,
      description: `ByteDance Seedream ${r.family} (${this.settings.model}) on BytePlus ModelArk: text to image, editing by ` +
        'instruction, up to 10 reference images and consistent sets of up to 15.',
      neural: true,
      modes: ['generate', 'edit'],
      maxReferences: r.maxReferences,
      maxOutputs: r.maxSetTotal,
      sizePresets: [...r.presets],
      minPixels: r.minPixels,
      maxPixels: r.maxPixels,
      maxSide: maxSideOf(r),
      seed: r.acceptsSeed,
      styles: [],
      streaming: true,
      watermark: true,
      defaultSize: r.defaultSize,
      model: this.settings.model,
    };
  }

  checkRequest(req: EngineRequestCheck): void {
    checkSeedreamRequest(this.rules, req);
  }

  planEdit(input: { instruction?: string; operations?: unknown }): EditPlan {
    const instruction = input.instruction?.trim();
    if (Array.isArray(input.operations) && input.operations.length > 0) {
      throw new EditPlanError('Seedream edits by instruction only; use the built-in engine for structured operations.');
    }
    if (!instruction) throw new EditPlanError('Say in words what Seedream should change.');
    return { instruction, summary: instruction };
  }

  async run(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
    const sources = job.mode === 'edit' ? (job.source ? [job.source] : []) : job.references;
    const inputs = await Promise.all(sources.map((r) => prepareInput(r, this.rules.input)));
    const slots = new OutputSlots(job.count, job.doneIndexes);
    const usage = new UsageTotal();
    const secrets = [this.settings.apiKey];
    const delivery = new OutputDelivery(ctx, slots, 'Seedream', {
      baseUrl: this.settings.baseUrl, hosts: this.settings.downloadHosts, timeoutMs: this.settings.timeoutMs, signal: ctx.signal,
    });
    let model: string | undefined;
    const attempts = { engine: this.id, model: this.settings.model, provider: 'Seedream', retry: this.settings.retry,
      health: this.health, runtime: this.runtime, signal: ctx.signal };

    await delivery.settleOnFailure(() => withAttempts(attempts, async () => {
      const wanted = slots.remaining().length;
      if (wanted === 0) return;
      const answer: AnswerContext = {
        delivery, indexFor: slots.forRequest(), usage, count: job.count, secrets,
        inputs: { mode: job.mode, images: inputs.length },
        onModel: (m) => (model = m),
      };
      await this.call(seedreamBody(job, this.settings, this.rules, inputs, wanted), answer, ctx.signal);
    }));
    await delivery.missing('Seedream');
    return { usage: usage.result(), model: model ?? this.settings.model };
  }

  /** One HTTP call: streamed events, or (tolerated) a plain JSON answer. */
  private async call(body: object, answer: AnswerContext, signal: AbortSignal): Promise<void> {
    const { request, response } = await ProviderRequest.send(`${this.settings.baseUrl}/api/v3/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.settings.apiKey}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
    }, { signal, timeoutMs: this.settings.timeoutMs });
    try {
      if (!response.ok) {
        const error = await readErrorBody<ModelArkErrorBody>(request, response);
        throw modelArkFailure(response.status, error, parseRetryAfter(response.headers.get('retry-after')), answer.inputs, answer.secrets);
      }
      if (isEventStream(response)) {
        const state = { completed: false };
        await readEventStream(request, response, (event) => handleStreamEvent(event, answer, state));
        if (!state.completed) {
          throw new ProviderCallError('retryable', 'STREAM_INTERRUPTED', 'the stream ended before the set was complete');
        }
      } else {
        await handleJsonAnswer((await request.readAll(response, MAX_JSON_ANSWER)).toString('utf8'), answer);
      }
    } finally {
      request.close();
    }
  }
}
