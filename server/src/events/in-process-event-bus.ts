import { EventEmitter } from 'node:events';
import type { EventBus, EventListener, Unsubscribe } from './event-bus.js';

/**
 * The embedded default: one process, listeners called synchronously with the published object itself. Nothing
 * can interrupt it, so `onInterrupted` is never called.
 */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, event: unknown): void {
    this.emitter.emit(topic, event);
  }

  subscribe(topic: string, listener: EventListener): Promise<Unsubscribe> {
    this.emitter.on(topic, listener);
    return Promise.resolve(() => void this.emitter.off(topic, listener));
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
