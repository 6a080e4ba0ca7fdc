import type { SseChannel } from '../http/sse.js';
import { AppError } from '../http/errors.js';
import { sha256Hex } from '../lib/ids.js';
import type { EventBus, Unsubscribe } from './event-bus.js';

/** Which of a person's streams to close: those of some sessions, or all but one session's. */
interface Revocation {
  only?: string[];
  except?: string;
}

interface Held {
  session: string;
  channel: SseChannel;
}

interface PersonStreams {
  held: Set<Held>;
  subscribed: Promise<Unsubscribe>;
}

/** The holder of a stream opened with an API token (a session's streams are held under the session id). */
export const tokenHolder = (tokenId: string) => `token:${tokenId}`;

/** The bus topic of a person's stream revocations. */
const topicOf = (userId: string) => `streams.user.${userId}`;
/** A session as named on the bus: derived from, but not revealing, the stored session id. */
const sessionKey = (sessionId: string) => sha256Hex(`stream:${sessionId}`).slice(0, 32);

/**
 * The live event streams (SSE) a process holds, by person and session. Ending a session anywhere closes its
 * streams everywhere: the revocation goes out on the EventBus topic `streams.user.<id>`, which each process
 * listens to while it holds a stream of that person. A person holds at most `maxPerUser` streams in a process.
 */
export class LiveStreams {
  private readonly people = new Map<string, PersonStreams>();

  constructor(private readonly bus: EventBus, private readonly maxPerUser: number) {}

  /**
   * Opens a stream for the session with `openChannel` (which takes over the response), or refuses with 429 when
   * the person has `maxPerUser` open already. Resolves once a revocation from any process would reach it.
   */
  async open(userId: string, sessionId: string, openChannel: () => SseChannel): Promise<SseChannel> {
    let person = this.people.get(userId);
    if (person && person.held.size >= this.maxPerUser) {
      throw new AppError('RATE_LIMITED', `You are following ${person.held.size} generations live already, the most at once. ` +
        'Close other Atelier tabs or windows, or wait for a generation to finish, then try again.');
    }
    if (!person) {
      person = { held: new Set(), subscribed: this.bus.subscribe(topicOf(userId), (r) => this.revoke(userId, r as Revocation)) };
      this.people.set(userId, person);
    }
    const held: Held = { session: sessionKey(sessionId), channel: openChannel() };
    person.held.add(held);
    held.channel.onClose(() => this.release(userId, held));
    // Without the subscription a revocation could not reach this stream: it does not stay open.
    await person.subscribed.catch(() => held.channel.close());
    return held.channel;
  }

  /** Closes the streams of these sessions or tokens (`tokenHolder`): logout, a session or token revoked, in every process. */
  closeSessions(userId: string, sessionIds: string[]): void {
    if (sessionIds.length > 0) this.bus.publish(topicOf(userId), { only: sessionIds.map(sessionKey) } satisfies Revocation);
  }

  /** Closes every stream of the person in every process (suspension, deletion), or all but one session's. */
  closeAllForUser(userId: string, exceptSessionId?: string): void {
    this.bus.publish(topicOf(userId), (exceptSessionId ? { except: sessionKey(exceptSessionId) } : {}) satisfies Revocation);
  }

  /** How many streams of the person this process holds. */
  openFor(userId: string): number {
    return this.people.get(userId)?.held.size ?? 0;
  }

  private revoke(userId: string, r: Revocation): void {
    for (const held of [...(this.people.get(userId)?.held ?? [])]) {
      const closes = r.only ? r.only.includes(held.session) : held.session !== r.except;
      if (closes) held.channel.close();
    }
  }

  private release(userId: string, held: Held): void {
    const person = this.people.get(userId);
    if (!person?.held.delete(held) || person.held.size > 0) return;
    this.people.delete(userId);
    person.subscribed.then((unsubscribe) => unsubscribe(), () => undefined);
  }
}
