import type { SeedreamSettings } from '../engine-config.js';
import type { EngineRequestCheck } from '../engine.js';
import { callProvider } from '../provider/call.js';
import { ProviderEngine, type ProviderAttempt, type ProviderCapabilities } from '../provider/engine.js';
import type { KeyProbe } from '../provider/key-probe.js';
import type { InputRules } from '../provider/references.js';
import { modelArkFailure, type ModelArkErrorBody } from './errors.js';
import { seedreamBody } from './request-body.js';
import { handleJsonAnswer, handleStreamEvent, type AnswerContext } from './response.js';
import { checkSeedreamRequest, maxSideOf, SEEDREAM_RULES, type SeedreamRules } from './rules.js';

/** Seedream 4.0 / 4.5 on BytePlus ModelArk: always streamed, each image stored the moment it arrives. */
export class SeedreamEngine extends ProviderEngine<SeedreamSettings> {
  readonly id = 'seedream';
  protected readonly provider = 'Seedream';
  private readonly rules: SeedreamRules = SEEDREAM_RULES[this.settings.family];

  protected capabilities(): ProviderCapabilities {
    const r = this.rules;
    return {
      name: `Seedream ${r.family}`,
      description: `ByteDance Seedream ${r.family} (${this.settings.model}) on BytePlus ModelArk: text to image, editing by ` +
        'instruction, up to 10 reference images and consistent sets of up to 15.',
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
    };
  }

  checkRequest(req: EngineRequestCheck): void {
    checkSeedreamRequest(this.rules, req);
  }

  protected inputRules(): InputRules {
    return this.rules.input;
  }

  /** ModelArk lists no models: a request without a prompt is refused (400) only after the key was accepted, and costs nothing. */
  protected keyProbe(settings: SeedreamSettings): KeyProbe {
    return { method: 'POST', path: '/api/v3/images/generations', body: JSON.stringify({ model: settings.model }), accepted: [400] };
  }

  /** One call: streamed events, or (tolerated) a plain JSON answer. */
  protected async request(a: ProviderAttempt<SeedreamSettings>): Promise<void> {
    const answer: AnswerContext = {
      delivery: a.delivery, indexFor: a.indexFor, usage: a.usage, count: a.job.count, secrets: [a.settings.apiKey],
      inputs: a.inputsSummary, onModel: a.onModel,
    };
    const state = { completed: false };
    await callProvider<ModelArkErrorBody>(a.settings, '/api/v3/images/generations', {
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(seedreamBody(a.job, a.settings, this.rules, a.inputs, a.wanted)),
    }, a.ctx.signal, {
      failure: (status, body, retryAfterMs) => modelArkFailure(status, body, retryAfterMs, answer.inputs, answer.secrets),
      stream: { handle: (event) => handleStreamEvent(event, answer, state), complete: () => state.completed,
        interrupted: 'the stream ended before the set was complete' },
      json: (text) => handleJsonAnswer(text, answer),
    });
  }
}
