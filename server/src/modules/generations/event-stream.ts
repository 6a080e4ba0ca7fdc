import type { SseChannel } from '../../http/sse.js';
import { isTerminal, type GenerationDto } from './dto.js';
import type { GenerationEvent, GenerationEvents } from './events.js';

/** How often a stream reads its generation again, in case its final event was lost. */
const RECHECK_MS = 5_000;

/**
 * Follows one unfinished generation on an SSE channel: a snapshot (event "generation"), then its live events in
 * the order published, then a final snapshot once a final status arrives.
 *
 * The subscription is confirmed before the snapshot is read, so a final status published meanwhile (by this
 * process or another) is either in the snapshot or delivered after it. Events that arrive before the snapshot is
 * sent wait and follow it, so the snapshot always comes first.
 */
export async function streamGeneration(sse: SseChannel, events: GenerationEvents, id: string, load: () => Promise<GenerationDto>,
  recheckMs = RECHECK_MS): Promise<void> {
  let waiting: GenerationEvent[] | undefined = [];
  let ended = false;
  const forward = (event: GenerationEvent) => {
    if (ended) return;
    if (waiting) {
      waiting.push(event);
      return;
    }
    sse.send(event.type, event);
    if (event.type === 'status' && isTerminal(event.status as never)) {
      ended = true;
      void sendSnapshotAndClose(sse, load);
    }
  };

  let unsubscribe;
  try {
    // Events lost while the bus reconnects would leave the stream behind: it ends, and the client's EventSource
    // reconnects and starts again from a fresh snapshot.
    unsubscribe = await events.subscribe(id, forward, () => sse.close());
  } catch {
    // No live events to be had (the bus is unreachable): the client reconnects, or reads the generation itself.
    sse.close();
    return;
  }
  sse.onClose(unsubscribe);

  const current = await load().catch(() => undefined);
  if (!current || isTerminal(current.status)) {
    ended = true;
    if (current) sse.send('generation', current);
    sse.close();
    return;
  }
  sse.send('generation', current);
  const early = waiting;
  waiting = undefined;
  for (const event of early) forward(event);
  if (!ended) watchForLostEnd(sse, load, recheckMs, () => ended, () => (ended = true));
}

/**
 * Live events are best effort (a worker can die between ending a generation and announcing it, Redis pub/sub
 * keeps nothing): now and then the stream reads the generation again, and a final status it finds ends it.
 */
function watchForLostEnd(sse: SseChannel, load: () => Promise<GenerationDto>, everyMs: number, isEnded: () => boolean,
  markEnded: () => void): void {
  const timer = setInterval(() => {
    void load().then((g) => {
      if (isEnded() || !isTerminal(g.status)) return;
      markEnded();
      sse.send('generation', g);
      sse.close();
    }, () => undefined);
  }, everyMs);
  timer.unref();
  sse.onClose(() => clearInterval(timer));
}

async function sendSnapshotAndClose(sse: SseChannel, load: () => Promise<GenerationDto>): Promise<void> {
  const final = await load().catch(() => undefined);
  if (final) sse.send('generation', final);
  sse.close();
}
