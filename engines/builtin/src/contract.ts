/**
 * What the renderer needs from its caller and gives back, and nothing more. The server's `ImageEngine` seam passes
 * its own (wider) job and context here: they fit these shapes, so the package depends on no server code.
 */

/** A reference image, already decoded from storage. */
export interface ReferenceImage {
  assetId: string;
  data: Buffer;
}

export interface RenderJob {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  count: number;
  style?: string;
  watermark: boolean;
  references: readonly ReferenceImage[];
  /** Output indexes already stored by an earlier attempt: they are not drawn again. */
  doneIndexes: ReadonlySet<number>;
}

export interface RenderOutput {
  index: number;
  data: Buffer;
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/** One image of the set that could not be drawn (the others still are). */
export interface RenderOutputError {
  index: number;
  /** A code of Atelier's error catalogue (server/src/http/errors.ts). */
  code: 'RENDER_FAILED';
  message: string;
}

export interface RenderContext {
  signal: AbortSignal;
  onImage(image: RenderOutput): Promise<void>;
  onOutputError(error: RenderOutputError): Promise<void>;
  onProgress(fraction: number): void;
}

export interface RenderResult {
  model: string;
  usage: Record<string, number>;
}
