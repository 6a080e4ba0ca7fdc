/** Shapes of the API's answers, as the server documents them at /api/docs. */

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  preferences: { embedPromptInImages: boolean; watermarkByDefault: boolean };
  createdAt: string;
  policyNotice?: { version: string; effectiveDate: string; summary: string } | null;
}

export interface SessionResponse {
  user: User;
  csrfToken: string;
  deletionCanceled?: boolean;
}

export interface EngineCapabilities {
  id: string;
  name: string;
  description: string;
  neural: boolean;
  modes: ('generate' | 'edit')[];
  maxReferences: number;
  maxOutputs: number;
  sizePresets: string[];
  minPixels: number;
  maxPixels: number;
  maxSide: number;
  seed: boolean;
  styles: string[];
  streaming: boolean;
  watermark: boolean;
}

export type AssetKind = 'upload' | 'generated' | 'edited';

export interface Asset {
  id: string;
  kind: AssetKind;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  favorite: boolean;
  tags: string[];
  parentId: string | null;
  generationId: string | null;
  outputIndex: number | null;
  prompt: string | null;
  fileName?: string;
  createdAt: string;
  deletedAt: string | null;
  /** In the trash: when it will be deleted for good. */
  purgeAt?: string;
  urls: { content: string; thumbnail: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type GenerationStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'canceled';

export interface GenerationOutput {
  index: number;
  asset?: { id: string; width: number; height: number; mime: string; urls: { content: string; thumbnail: string } };
  error?: { code: string; message: string };
}

export interface GenerationParams {
  size: string;
  width: number;
  height: number;
  seed: number | null;
  resolvedSeed: number;
  count: number;
  style: string | null;
  watermark: boolean;
  references: string[];
  model: string | null;
  aspectRatio: string | null;
  instruction?: string;
  operations?: unknown[];
  sourceAssetId?: string;
}

export interface Generation {
  id: string;
  mode: 'generate' | 'edit';
  status: GenerationStatus;
  prompt: string;
  params: GenerationParams;
  engine: string;
  model: string | null;
  progress: number;
  parentAssetId: string | null;
  outputs: GenerationOutput[];
  error?: { code: string; message: string };
  usage: Record<string, number> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Album {
  id: string;
  name: string;
  description: string;
  assetCount: number;
  coverAssetId: string | null;
  createdAt: string;
  updatedAt: string;
}
