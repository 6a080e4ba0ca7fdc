import { EventEmitter } from 'node:events';

export type GenerationEvent =
  | { type: 'status'; status: string; error?: { code: string; message: string } }
  | { type: 'progress'; progress: number }
  | { type: 'image'; index: number; asset: { id: string; width: number; height: number; mime: string } }
  | { type: 'output_error'; index: number; error: { code: string; message: string } };

/** In-process fan-out of generation events to SSE listeners (the embedded default has one process). */
export class GenerationEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(generationId: string, event: GenerationEvent): void {
    this.emitter.emit(generationId, event);
  }

  subscribe(generationId: string, listener: (e: GenerationEvent) => void): () => void {
    this.emitter.on(generationId, listener);
    return () => this.emitter.off(generationId, listener);
  }
}
