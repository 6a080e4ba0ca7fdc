import { isTerminal, type GenerationDto } from '../generations/dto.js';
import type { GenerationEvent, GenerationEvents } from '../generations/events.js';

/** How often a waiting request reads its generation again, in case a live event was lost. */
const RECHECK_MS = 1_000;

export interface FollowOptions {
  /** Gives up after this long: resolves undefined while the generation goes on. */
  timeoutMs: number;
  /** Each live event, in order; the next waits for the previous one to be handled. */
  onEvent?: (event: GenerationEvent) => Promise<void>;
  recheckMs?: number;
}

/**
 * Waits for a generation to end and resolves its final state (undefined on timeout). Live events come over the
 * event bus; the generation is also read again now and then, so a lost final event only delays the answer.
 */
export async function followGeneration(events: GenerationEvents, id: string, load: () => Promise<GenerationDto>,
  opts: FollowOptions): Promise<GenerationDto | undefined> {
  let handled = Promise.resolve();
  let finish!: (g: GenerationDto | undefined) => void;
  const done = new Promise<GenerationDto | undefined>((resolve) => (finish = resolve));
  const settleIfEnded = async () => {
    const g = await load();
    if (isTerminal(g.status)) finish(g);
  };
  const unsubscribe = await events.subscribe(id, (event) => {
    if (opts.onEvent) handled = handled.then(() => opts.onEvent!(event)).catch(() => undefined);
    if (event.type === 'status' && isTerminal(event.status as GenerationDto['status'])) {
      handled = handled.then(settleIfEnded, settleIfEnded);
    }
  }).catch(() => undefined);
  const recheck = setInterval(() => void settleIfEnded().catch(() => undefined), opts.recheckMs ?? RECHECK_MS);
  const timeout = setTimeout(() => finish(undefined), opts.timeoutMs);
  try {
    await settleIfEnded();
    const final = await done;
    await handled;
    return final;
  } finally {
    clearInterval(recheck);
    clearTimeout(timeout);
    unsubscribe?.();
  }
}
