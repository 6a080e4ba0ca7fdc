import type { OpenAiSettings } from '../engine-config.js';
import type { EngineRequestCheck } from '../engine.js';
import { callProvider } from '../provider/call.js';
import { ProviderEngine, type ProviderAttempt, type ProviderCapabilities } from '../provider/engine.js';
import type { KeyProbe } from '../provider/key-probe.js';
import type { InputRules } from '../provider/references.js';
import { openAiFailure, type OpenAiErrorBody } from './errors.js';
import { openAiCall } from './request-body.js';
import { handleJsonAnswer, streamHandler, type OpenAiAnswerContext } from './response.js';
import { checkOpenAiRequest, OPENAI_RULES, sizeBounds, type OpenAiRules } from './rules.js';

/** Any service speaking the OpenAI Images API (OpenAI itself and compatible servers), per configured model. */
export class OpenAiEngine extends ProviderEngine<OpenAiSettings> {
  readonly id = 'openai';
  protected readonly provider = 'OpenAI';
  private readonly rules: OpenAiRules = OPENAI_RULES[this.settings.family];

  protected capabilities(): ProviderCapabilities {
    const r = this.rules;
    return {
      name: `OpenAI ${this.settings.model}`,
      description: `OpenAI-compatible Images API (${this.settings.model})` +
        (r.edits ? ': text to image, editing by instruction and reference images.' : ': text to image, one image at a time.'),
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
    };
  }

  checkRequest(req: EngineRequestCheck): void {
    checkOpenAiRequest(this.rules, this.settings.model, req);
  }

  protected inputRules(): InputRules {
    return this.rules.input;
  }

  /** Edit messages name the model: a compatible server may not be OpenAI at all. */
  protected override editorName(): string {
    return this.settings.model;
  }

  protected keyProbe(): KeyProbe {
    return { method: 'GET', path: '/models', accepted: [] };
  }

  protected async request(a: ProviderAttempt<OpenAiSettings>): Promise<void> {
    const answer: OpenAiAnswerContext = {
      delivery: a.delivery, indexFor: a.indexFor, usage: a.usage, secrets: [a.settings.apiKey],
      inputs: a.inputsSummary, partialImages: this.settings.partialImages,
      onProgress: (p) => a.ctx.onProgress(p),
    };
    const call = openAiCall(a.job, a.settings, this.rules, a.inputs, a.wanted);
    const { handle, state } = streamHandler(answer);
    await callProvider<OpenAiErrorBody>(a.settings, call.path, call, a.ctx.signal, {
      failure: (status, body, retryAfterMs, headers) =>
        openAiFailure(status, body, retryAfterMs, headers.get('x-request-id'), answer.inputs, answer.secrets),
      stream: { handle, complete: () => state.completed > 0, interrupted: 'the stream ended before an image was complete' },
      json: (text) => handleJsonAnswer(text, answer),
    });
  }
}
