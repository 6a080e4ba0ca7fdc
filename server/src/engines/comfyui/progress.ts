import { WebSocket } from 'ws';
import type { ComfyUiSettings } from '../engine-config.js';
import type { EnginePreview } from '../engine.js';
import { ProviderCallError } from '../provider/errors.js';
import type { LocalHttp } from '../local/http.js';
import { abortableSleep } from '../provider/retry.js';
import { executionFailure } from './errors.js';

/** ComfyUI's binary websocket event types (server.py BinaryEventTypes). */
const PREVIEW_IMAGE = 1;
const PREVIEW_WITH_METADATA = 4;

interface HistoryEntry {
  outputs?: Record<string, { images?: Array<{ filename: string; subfolder?: string; type?: string }> }>;
  status?: { status_str?: string; completed?: boolean; messages?: Array<[string, Record<string, unknown>]> };
}

/**
 * Follows one client's prompts on ComfyUI's /ws websocket. The socket is opened before the prompt is queued (so no
 * event is missed); when it cannot be opened, or drops, /history is polled instead.
 */
export class ComfyWatch {
  private socket: WebSocket | undefined;
  private listener: ((type: string, data: Record<string, unknown>) => void) | undefined;
  /** Events that came before anyone listened: a cached prompt can finish before /prompt has even answered. */
  private readonly backlog: Array<[string, Record<string, unknown>]> = [];
  private closedEarly = false;

  private constructor(private readonly http: LocalHttp, private readonly settings: ComfyUiSettings, private readonly safe: (t: string) => string) {}

  static async open(http: LocalHttp, settings: ComfyUiSettings, clientId: string, safe: (t: string) => string): Promise<ComfyWatch> {
    const watch = new ComfyWatch(http, settings, safe);
    const url = `${settings.baseUrl.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`;
    await new Promise<void>((resolve) => {
      const socket = new WebSocket(url, { headers: http.headers(), handshakeTimeout: Math.min(settings.timeoutMs, 10_000) });
      socket.on('open', () => {
        watch.socket = socket;
        resolve();
      });
      socket.on('message', (raw, binary) => {
        if (binary) return watch.preview(raw as Buffer);
        try {
          const msg = JSON.parse(raw.toString()) as { type?: string; data?: Record<string, unknown> };
          if (msg.type && msg.data) watch.deliver(msg.type, msg.data);
        } catch {
          // A message we cannot read says nothing about our prompt.
        }
      });
      socket.on('error', () => resolve());
      socket.on('close', () => {
        watch.closedEarly = true;
        watch.deliver('socket_closed', {});
        resolve();
      });
    });
    return watch;
  }

  /** Where the prompt's live previews go (the socket is this request's own, so every frame is of our prompt). */
  onPreview: ((preview: EnginePreview) => void) | undefined;

  /**
   * A binary frame: a 4-byte big-endian event type, then for a preview (1) a 4-byte image format and the image, or
   * for a preview with metadata (4) the metadata's length, the JSON metadata and the image. Others are skipped.
   */
  private preview(frame: Buffer): void {
    if (!Buffer.isBuffer(frame) || frame.length <= 8) return;
    const event = frame.readUInt32BE(0);
    const image = event === PREVIEW_IMAGE ? frame.subarray(8)
      : event === PREVIEW_WITH_METADATA ? frame.subarray(8 + frame.readUInt32BE(4)) : undefined;
    if (image && image.length > 0) this.onPreview?.({ data: image });
  }

  private deliver(type: string, data: Record<string, unknown>): void {
    if (this.listener) this.listener(type, data);
    else this.backlog.push([type, data]);
  }

  close(): void {
    this.listener = undefined;
    this.socket?.terminate();
  }

  /** Waits until the prompt has run, reporting progress; throws what stopped it. Returns its history entry. */
  async finished(promptId: string, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<HistoryEntry> {
    // Without a socket (or after it dropped) the history is read until the timeout; after the socket stayed silent
    // for the timeout, once (the prompt may have ended while a message was lost).
    const how = this.socket && !this.closedEarly ? await this.followSocket(promptId, signal, onProgress) : 'closed';
    return this.poll(promptId, signal, how === 'closed' ? Date.now() + this.settings.timeoutMs : 0);
  }

  private followSocket(promptId: string, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<'ended' | 'silent' | 'closed'> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (err?: unknown, how: 'ended' | 'silent' | 'closed' = 'ended') => {
        clearTimeout(timer);
        this.listener = undefined;
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(how);
      };
      const idle = () => {
        clearTimeout(timer);
        timer = setTimeout(() => done(undefined, 'silent'), this.settings.timeoutMs);
      };
      const onAbort = () => done(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      idle();
      this.listener = (type, data) => {
        if (type === 'socket_closed') return done(undefined, 'closed');
        if (data.prompt_id !== promptId) return;
        idle();
        if (type === 'progress' && typeof data.value === 'number' && typeof data.max === 'number' && data.max > 0) {
          onProgress(Math.min(0.99, data.value / data.max));
        } else if (type === 'execution_success' || (type === 'executing' && data.node === null)) {
          done();
        } else if (type === 'execution_error') {
          done(executionFailure(data, this.safe));
        } else if (type === 'execution_interrupted') {
          done(new ProviderCallError('retryable', 'INTERRUPTED', 'ComfyUI interrupted the workflow'));
        }
      };
      for (const [type, data] of this.backlog.splice(0)) this.listener?.(type, data);
    });
  }

  /** Reads /history until the prompt has an entry; gives up at the deadline without one. */
  private async poll(promptId: string, signal: AbortSignal, deadline: number): Promise<HistoryEntry> {
    for (;;) {
      const history = await this.http.json<Record<string, HistoryEntry>>('GET', `/history/${encodeURIComponent(promptId)}`, undefined, signal);
      const entry = history?.[promptId];
      if (entry?.status?.status_str === 'error') throw this.historyFailure(entry);
      if (entry && (entry.status?.completed ?? true)) return entry;
      if (Date.now() > deadline) {
        throw new ProviderCallError('retryable', 'TIMEOUT', `ComfyUI did not finish the workflow without news for ${Math.round(this.settings.timeoutMs / 1000)} s`);
      }
      await abortableSleep(this.settings.pollMs, signal);
    }
  }

  private historyFailure(entry: HistoryEntry): ProviderCallError {
    const messages = entry.status?.messages ?? [];
    const error = messages.find(([event]) => event === 'execution_error');
    if (error) return executionFailure(error[1], this.safe);
    return new ProviderCallError('retryable', 'INTERRUPTED', 'ComfyUI interrupted the workflow');
  }
}

export type { HistoryEntry };
