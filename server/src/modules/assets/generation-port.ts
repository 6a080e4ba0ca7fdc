import type { Asset } from '../../db/schema.js';
import type { EngineImage, EngineReference } from '../../engines/engine.js';
import type { OutputOrigin } from './source-type.js';

/** What the generation pipeline needs from the asset module; AssetService implements it. */
export interface StoreOutputInput {
  userId: string;
  generationId: string;
  index: number;
  kind: 'generated' | 'edited';
  parentId: string | null;
  image: EngineImage;
  prompt: string;
  engine: string;
  /** How the image was made: decides the digital source type it claims (source-type.ts). */
  origin: OutputOrigin;
  /** The user's preference: embed the prompt in the image's XMP metadata. */
  embedPrompt: boolean;
  metadata: Record<string, unknown>;
}

export interface GenerationAssetPort {
  /** The caller's live (not trashed) assets with these ids, in the same order; 404 if any is missing or not theirs. */
  requireOwned(userId: string, assetIds: string[]): Promise<Asset[]>;
  /** Decrypts and decodes an asset for an engine. */
  loadReference(asset: Asset): Promise<EngineReference>;
  /** Idempotent: storing output `index` of a generation twice returns the first asset and writes nothing new. */
  storeOutput(input: StoreOutputInput): Promise<Asset>;
}
