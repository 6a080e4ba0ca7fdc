import type { NormalisedError } from '../../http/error-handler.js';
import { AppError, REFUSAL_CODES, isErrorCode } from '../../http/errors.js';
import type { GenerationDto } from '../generations/dto.js';
import type { GenerationEvents } from '../generations/events.js';
import type { GenerationService } from '../generations/service.js';
import { followGeneration, type FollowOptions } from './follow-generation.js';

export interface WaitDeps {
  generations: GenerationService;
  events: GenerationEvents;
  waitMs: number;
}

/** Waits for the generation the request started; 504 when it runs past the wait (it goes on, into the history). */
export async function finishedGeneration(d: WaitDeps, userId: string, started: GenerationDto,
  onEvent?: FollowOptions['onEvent']): Promise<GenerationDto> {
  const final = await followGeneration(d.events, started.id, () => d.generations.get(userId, started.id), { timeoutMs: d.waitMs, onEvent });
  if (!final) {
    throw new AppError('GENERATION_TIMEOUT',
      `The images were not ready within ${Math.round(d.waitMs / 1000)} s. They are still being made and will appear in your Atelier history (generation ${started.id}).`);
  }
  return final;
}

/** Why a finished generation has no image at all (undefined when it has at least one). */
export function failureOf(g: GenerationDto): NormalisedError | undefined {
  if (g.outputs.some((o) => o.asset)) return undefined;
  if (g.status === 'canceled') return { status: 409, code: 'CANCELED', message: 'The generation was canceled before any image was ready.' };
  const error = g.error ?? g.outputs.find((o) => o.error)?.error ?? { code: 'ENGINE_FAILED', message: 'The engine made no image.' };
  // A safety check's verdict is answered 400 like a provider's refusal, never as a server fault.
  const refused = isErrorCode(error.code) && REFUSAL_CODES.has(error.code);
  return { status: refused ? 400 : 500, code: error.code, message: error.message };
}
