import type { EventBus, Interrupted, Unsubscribe } from '../../events/event-bus.js';

export type GenerationEvent =
  | { type: 'status'; status: string; error?: { code: string; message: string } }
  | { type: 'progress'; progress: number }
  /** The work in progress as the engine shows it: a small JPEG as a data: URL, never stored. */
  | { type: 'preview'; image: string }
  | { type: 'image'; index: number; asset: { id: string; width: number; height: number; mime: string } }
  | { type: 'output_error'; index: number; error: { code: string; message: string } };

const topicOf = (generationId: string) => `generation.${generationId}`;

/** The events of one generation, on the topic `generation.<id>` of the app's event bus (in-process or Redis). */
export class GenerationEvents {
  constructor(private readonly bus: EventBus) {}

  publish(generationId: string, event: GenerationEvent): void {
    this.bus.publish(topicOf(generationId), event);
  }

  /** Resolves once later events reach `listener`, whichever process publishes them. */
  subscribe(generationId: string, listener: (e: GenerationEvent) => void, onInterrupted?: Interrupted): Promise<Unsubscribe> {
    return this.bus.subscribe(topicOf(generationId), listener as (e: unknown) => void, onInterrupted);
  }
}
