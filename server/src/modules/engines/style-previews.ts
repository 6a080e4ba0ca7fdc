import { isBuiltinStyle, type BuiltinStyle } from '@atelier/engine-builtin';
import { BuiltinEngine } from '../../engines/builtin/index.js';
import type { EngineImage } from '../../engines/engine.js';
import { makeThumbnail } from '../../media/index.js';

/** One scene, drawn in every style, so the previews differ only by style. */
const PREVIEW_PROMPT = 'a lighthouse on a cliff above the sea at sunset';
const PREVIEW_SEED = 23;
const PREVIEW_SIDE = 192;

/**
 * A small WebP of each built-in style, drawn by the built-in engine on first use and kept for the life of the
 * process (nine styles, a few KB each). Deterministic: every process draws the same bytes.
 */
export class StylePreviews {
  private engine: BuiltinEngine | undefined;
  private readonly made = new Map<BuiltinStyle, Promise<Buffer>>();

  /** The preview of a built-in style, or undefined for a style the built-in engine does not have. */
  get(style: string): Promise<Buffer> | undefined {
    if (!isBuiltinStyle(style)) return undefined;
    let preview = this.made.get(style);
    if (!preview) {
      preview = this.draw(style);
      preview.catch(() => this.made.delete(style));
      this.made.set(style, preview);
    }
    return preview;
  }

  private async draw(style: BuiltinStyle): Promise<Buffer> {
    this.engine ??= new BuiltinEngine({ renderThreads: 0 });
    const images: EngineImage[] = [];
    await this.engine.run(
      { generationId: `style-preview-${style}`, mode: 'generate', prompt: PREVIEW_PROMPT, width: PREVIEW_SIDE, height: PREVIEW_SIDE, seed: PREVIEW_SEED, count: 1, style, watermark: false, references: [], doneIndexes: new Set<number>() },
      { signal: new AbortController().signal, onImage: async (image) => void images.push(image), onOutputError: async () => undefined, onProgress: () => undefined },
    );
    if (!images[0]) throw new Error(`the built-in engine drew no preview for ${style}`);
    return (await makeThumbnail(images[0].data, { size: PREVIEW_SIDE })).data;
  }

  async close(): Promise<void> {
    await this.engine?.close();
  }
}
