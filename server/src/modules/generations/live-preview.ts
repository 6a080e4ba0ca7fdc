import sharp from 'sharp';
import type { EnginePreview } from '../../engines/engine.js';

/** Previews are sent this small (longer side), as JPEG: a few kilobytes on the event bus and the SSE stream. */
const PREVIEW_SIDE = 384;
const PREVIEW_QUALITY = 70;
/** An engine may send a frame per sampling step; a person sees one a second at most. */
const MIN_INTERVAL_MS = 1_000;

/**
 * Thins an engine's live previews (one at a time, one a second at most) and makes each a small JPEG data: URL for
 * the generation's live events. A frame that cannot be decoded is skipped: it says nothing about the job.
 */
export class LivePreviews {
  private busy = false;
  private lastAt = -Infinity;

  constructor(private readonly publish: (image: string) => void, private readonly now: () => number = Date.now) {}

  offer(preview: EnginePreview): void {
    if (this.busy || this.now() - this.lastAt < MIN_INTERVAL_MS) return;
    this.busy = true;
    this.lastAt = this.now();
    void shrink(preview.data).then((jpeg) => this.publish(`data:image/jpeg;base64,${jpeg.toString('base64')}`), () => undefined)
      .finally(() => (this.busy = false));
  }
}

function shrink(data: Buffer): Promise<Buffer> {
  return sharp(data, { limitInputPixels: 4096 * 4096 })
    .resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: PREVIEW_QUALITY })
    .toBuffer();
}
