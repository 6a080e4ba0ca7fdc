import type { OpenAiSettings } from '../engine-config.js';
import {
  EditPlanError, type EditPlan, type EditPlanner, type EngineCapabilities, type EngineContext, type EngineJob,
  type EngineRequestCheck, type EngineResult, type ImageEngine, type RequestChecker,
} from '../engine.js';
import type { HealthReporter } from '../health.js';
import { withAttempts } from '../provider/attempts.js';
import { OutputDelivery } from '../provider/deliver.js';
import { ProviderCallError } from '../provider/errors.js';
import { prepareInput } from '../provider/references.js';
import { isEventStream, ProviderRequest, readErrorBody } from '../provider/request.js';
import { parseRetryAfter } from '../provider/retry.js';
import { realRuntime, type ProviderRuntime } from '../provider/runtime.js';
import { OutputSlots, UsageTotal } from '../provider/slots.js';
import { readEventStream } from '../provider/sse.js';
import { openAiFailure, type OpenAiErrorBody } from './errors.js';
import { openAiCall } from './request-body.js';
import { handleJsonAnswer, streamHandler, type OpenAiAnswerContext } from './response.js';
import { checkOpenAiRequest, OPENAI_RULES, sizeBounds, type OpenAiRules } from './rules.js';

const MAX_JSON_ANSWER = 256 * 1024 * 1024;

/** Any service speaking the OpenAI Images API (OpenAI itself and compatible servers), per configured model. */
export class OpenAiEngine implements ImageEngine, RequestChecker, EditPlanner {
  readonly id = 'openai';
  private readonly rules: OpenAiRules;

  constructor(
    private readonly settings: OpenAiSettings,
    private readonly health: HealthReporter,
    private readonly runtime: ProviderRuntime = realRuntime,
  ) {
    this.rules = OPENAI_RULES[settings.family];
  }

  describe(): EngineCapabilities {
    const r = this.rules;
    return {
      id: this.id,
      name: `OpenAI ${this.settings.model}`,
      description: `OpenAI-compatible Images API (${this.settings.model})` +
        (r.edits ? ': text to image, editing by instruction and reference images.' : ': text to image, one image at a time.'),
      neural: true,
      modes: r.edits ? ['generate', 'edit'] : ['generate'],
      maxReferences: r.maxInputs,
      maxOutputs: r.maxOutputs,
      sizePresets: ['1K'],
      ...sizeBounds(r),
      seed: false,
      styles: [...r.styles],
      streaming: r.streaming && this.settings.partialImages > 0,
      watermark: false,
      defaultSize: '1K',
      model: this.settings.model,
    };
  }

  checkRequest(req: EngineRequestCheck): void {
    checkOpenAiRequest(this.rules, this.settings.model, req);
  }

  planEdit(input: { instruction?: string; operations?: unknown }): EditPlan {
    if (Array.isArray(input.operations) && input.operations.length > 0) {
      throw new EditPlanError(`${this.settings.model} edits by instruction only; use the built-in engine for structured operations.`);
    }
    const instruction = input.instruction?.trim();
    if (!instruction) throw new EditPlanError(`Say in words what ${this.settings.model} should change.`);
    return { instruction, summary: instruction };
  }

  async run(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
    const sources = job.mode === 'edit' ? (job.source ? [job.source] : []) : job.references;
    const inputs = await Promise.all(sources.map((r) => prepareInput(r, this.rules.input)));
    const slots = new OutputSlots(job.count, job.doneIndexes);
    const usage = new UsageTotal();
    const delivery = new OutputDelivery(ctx, slots, 'OpenAI', {
      baseUrl: this.settings.baseUrl, hosts: this.settings.downloadHosts, timeoutMs: this.settings.timeoutMs, signal: ctx.signal,
    });
    const attempts = { engine: this.id, model: this.settings.model, provider: 'OpenAI', retry: this.settings.retry,
      health: this.health, runtime: this.runtime, signal: ctx.signal };
    await delivery.settleOnFailure(() => withAttempts(attempts, async () => {
      const wanted = slots.remaining().length;
      if (wanted === 0) return;
      const answer: OpenAiAnswerContext = {
        delivery, indexFor: slots.forRequest(), usage, secrets: [this.settings.apiKey],
        inputs: { mode: job.mode, images: inputs.length }, partialImages: this.settings.partialImages,
        onProgress: (p) => ctx.onProgress(p),
      };
      await this.call(openAiCall(job, this.settings, this.rules, inputs, wanted), answer, ctx.signal);
    }));
    await delivery.missing('OpenAI');
    return { usage: usage.result(), model: this.settings.model };
  }

  private async call(call: ReturnType<typeof openAiCall>, answer: OpenAiAnswerContext, signal: AbortSignal): Promise<void> {
    const { request, response } = await ProviderRequest.send(`${this.settings.baseUrl}${call.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.settings.apiKey}`, ...call.headers },
      body: call.body,
    }, { signal, timeoutMs: this.settings.timeoutMs });
    try {
      if (!response.ok) {
        const error = await readErrorBody<OpenAiErrorBody>(request, response);
        throw openAiFailure(response.status, error, parseRetryAfter(response.headers.get('retry-after')),
          response.headers.get('x-request-id'), answer.inputs, answer.secrets);
      }
      if (isEventStream(response)) {
        const { handle, state } = streamHandler(answer);
        await readEventStream(request, response, handle);
        if (state.completed === 0) throw new ProviderCallError('retryable', 'STREAM_INTERRUPTED', 'the stream ended before an image was complete');
      } else {
        await handleJsonAnswer((await request.readAll(response, MAX_JSON_ANSWER)).toString('utf8'), answer);
      }
    } finally {
      request.close();
    }
  }
}
