/** Stops the delivery of a subscription; calling it again does nothing. */
export type Unsubscribe = () => void;

export type EventListener = (event: unknown) => void;

/** Events of the topic may have been lost (the connection to the transport broke); the subscription goes on. */
export type Interrupted = () => void;

/**
 * Live events by topic (`generation.<id>`…), delivered to the subscribers of every process that shares the bus.
 * Events are JSON values. Delivery is best effort: a subscriber that must not miss a final event subscribes first,
 * then reads the state it follows (see the generation event stream).
 */
export interface EventBus {
  /** Sends `event` to the topic's subscribers; never throws (a transport failure goes to the bus's error handler). */
  publish(topic: string, event: unknown): void;
  /** Resolves once every event published after it resolved reaches `listener`, in publish order per publisher. */
  subscribe(topic: string, listener: EventListener, onInterrupted?: Interrupted): Promise<Unsubscribe>;
  /** Resolves when events can travel now (readiness probe); rejects with the reason otherwise. */
  ready(): Promise<void>;
  close(): Promise<void>;
}
