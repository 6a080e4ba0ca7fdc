import { Redis } from 'ioredis';
import type { EventBus, EventListener, Interrupted, Unsubscribe } from './event-bus.js';

export interface RedisEventBusOptions {
  url: string;
  /** Starts every channel name, so that several Atelier instances can share one Redis. */
  prefix: string;
  /** A connection error, a publish that failed, a message that was not JSON, a listener that threw. */
  onError?: (err: unknown) => void;
}

interface Subscription {
  listener: EventListener;
  onInterrupted?: Interrupted;
}

interface Channel {
  subscriptions: Set<Subscription>;
  /** Settles when Redis confirmed the SUBSCRIBE that opened the channel. */
  subscribed: Promise<unknown>;
}

/**
 * Redis pub/sub. One subscriber connection per process carries every topic: a channel is SUBSCRIBEd when its first
 * listener arrives and UNSUBSCRIBEd when its last one leaves. Publishing uses a second connection, because a
 * connection in subscriber mode can send nothing else. After a reconnect the channels still listened to are
 * subscribed again (events published while the connection was down are lost: pub/sub keeps nothing).
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channels = new Map<string, Channel>();
  private readonly onError: (err: unknown) => void;

  constructor(private readonly opts: RedisEventBusOptions) {
    this.onError = opts.onError ?? (() => {});
    this.publisher = new Redis(opts.url, { connectionName: `${opts.prefix}publisher` });
    // Re-subscribing is ours (below), from the channels listened to now rather than ioredis's own record.
    this.subscriber = new Redis(opts.url, { connectionName: `${opts.prefix}subscriber`, autoResubscribe: false });
    this.publisher.on('error', this.onError);
    this.subscriber.on('error', this.onError);
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
    this.subscriber.on('close', () => this.interrupted());
    let firstReady = true;
    this.subscriber.on('ready', () => {
      if (firstReady) firstReady = false;
      else this.resubscribe();
    });
  }

  publish(topic: string, event: unknown): void {
    this.publisher.publish(this.opts.prefix + topic, JSON.stringify(event)).catch(this.onError);
  }

  async subscribe(topic: string, listener: EventListener, onInterrupted?: Interrupted): Promise<Unsubscribe> {
    const name = this.opts.prefix + topic;
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { subscriptions: new Set(), subscribed: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    // A subscription is known before the SUBSCRIBE is confirmed, so an unsubscribe meanwhile finds it.
    const subscription: Subscription = { listener, onInterrupted };
    channel.subscriptions.add(subscription);
    const opened = channel;
    const unsubscribe = () => {
      if (!opened.subscriptions.delete(subscription)) return;
      if (opened.subscriptions.size > 0 || this.channels.get(name) !== opened) return;
      this.channels.delete(name);
      // Commands on one connection run in order: a later SUBSCRIBE of the same channel lands after this.
      this.subscriber.unsubscribe(name).catch(this.onError);
    };
    try {
      await opened.subscribed;
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  /** Both connections answer: events can be published and heard. */
  async ready(): Promise<void> {
    await this.publisher.ping();
    if (this.subscriber.status !== 'ready') throw new Error(`the subscriber connection is ${this.subscriber.status}`);
  }

  async close(): Promise<void> {
    this.channels.clear();
    await Promise.all([quit(this.publisher), quit(this.subscriber)]);
  }

  private deliver(channel: string, message: string): void {
    const subscriptions = this.channels.get(channel)?.subscriptions;
    if (!subscriptions || subscriptions.size === 0) return;
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch (err) {
      this.onError(err);
      return;
    }
    for (const { listener } of [...subscriptions]) this.guarded(() => listener(event));
  }

  /** The connection broke: whatever is published until it is back is lost to every subscription. */
  private interrupted(): void {
    for (const channel of [...this.channels.values()]) {
      for (const { onInterrupted } of [...channel.subscriptions]) if (onInterrupted) this.guarded(onInterrupted);
    }
  }

  private guarded(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err);
    }
  }

  private resubscribe(): void {
    const names = [...this.channels.keys()];
    if (names.length > 0) this.subscriber.subscribe(...names).catch(this.onError);
  }
}

/** QUIT, or a plain disconnect when the connection is not up (QUIT would wait for it). */
async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect());
  } else {
    connection.disconnect();
  }
}
