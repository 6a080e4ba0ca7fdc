import { assetUrls } from '../../api/generations';
import type { Generation, GenerationStatus } from '../../api/types';
import type { ImageRef } from '../../components/image-ref';

/**
 * The state of one running (or finished) generation as the Create screen shows it: one tile per image of the
 * set, fixed from the start, each filling in the moment its image is stored. Fed by the SSE stream's events
 * (server/src/modules/generations/events.ts) and by full snapshots (event "generation").
 */

export interface TileAsset {
  id: string;
  width: number;
  height: number;
  mime?: string;
  urls: { content: string; thumbnail: string };
}

export type TileStatus = 'pending' | 'done' | 'failed' | 'canceled';

export interface Tile {
  index: number;
  status: TileStatus;
  asset?: TileAsset;
  error?: { code: string; message: string };
}

export interface ProgressState {
  generation: Generation;
  status: GenerationStatus;
  progress: number;
  tiles: Tile[];
  error?: { code: string; message: string };
  /** The engine's picture of the work in progress (a data: URL), while it runs; never stored. */
  preview?: string;
}

export type ProgressEvent =
  | { type: 'generation'; generation: Generation }
  | { type: 'status'; status: string; error?: { code: string; message: string } }
  | { type: 'progress'; progress: number }
  | { type: 'preview'; image: string }
  | { type: 'image'; index: number; asset: { id: string; width: number; height: number; mime?: string } }
  | { type: 'output_error'; index: number; error: { code: string; message: string } };

const TERMINAL: ReadonlySet<GenerationStatus> = new Set(['succeeded', 'partial', 'failed', 'canceled']);
export const isFinished = (status: GenerationStatus) => TERMINAL.has(status);

function isStatus(s: string): s is GenerationStatus {
  return s === 'queued' || s === 'running' || TERMINAL.has(s as GenerationStatus);
}

/** Tiles still waiting when the generation ends: canceled ones say so, failed ones carry the reason. */
function settlePending(tiles: Tile[], status: GenerationStatus, error?: { code: string; message: string }): Tile[] {
  if (!isFinished(status)) return tiles;
  return tiles.map((t) => {
    if (t.status !== 'pending') return t;
    if (status === 'canceled') return { ...t, status: 'canceled' };
    if (status === 'failed' || status === 'partial') return { ...t, status: 'failed', error: error ?? { code: 'FAILED', message: '' } };
    return t;
  });
}

function tilesFrom(g: Generation): Tile[] {
  const count = Math.max(g.params.count, g.outputs.length);
  const tiles: Tile[] = [];
  for (let index = 0; index < count; index++) {
    const out = g.outputs.find((o) => o.index === index);
    if (out?.asset) tiles.push({ index, status: 'done', asset: { id: out.asset.id, width: out.asset.width, height: out.asset.height, mime: out.asset.mime, urls: out.asset.urls } });
    else if (out?.error) tiles.push({ index, status: 'failed', error: out.error });
    else tiles.push({ index, status: 'pending' });
  }
  return settlePending(tiles, g.status, g.error);
}

export function initialProgress(generation: Generation): ProgressState {
  return {
    generation,
    status: generation.status,
    progress: generation.progress,
    tiles: tilesFrom(generation),
    ...(generation.error ? { error: generation.error } : {}),
  };
}

function setTile(tiles: Tile[], index: number, tile: Tile): Tile[] {
  if (index < 0 || index >= tiles.length) return tiles;
  return tiles.map((t) => (t.index === index ? tile : t));
}

export function progressReducer(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.type) {
    case 'generation':
      if (event.generation.id !== state.generation.id) return state;
      return initialProgress(event.generation);
    case 'status': {
      if (!isStatus(event.status)) return state;
      const error = event.error ?? state.error;
      return {
        ...state,
        status: event.status,
        progress: event.status === 'succeeded' ? 1 : state.progress,
        tiles: settlePending(state.tiles, event.status, error),
        ...(error ? { error } : {}),
      };
    }
    case 'progress':
      return { ...state, progress: Math.max(state.progress, Math.min(1, event.progress)) };
    case 'preview':
      // Only pictures the studio can show, and only while the generation runs.
      if (isFinished(state.status) || !/^data:image\/(jpeg|png|webp);base64,/.test(event.image)) return state;
      return { ...state, preview: event.image };
    case 'image': {
      const { id, width, height, mime } = event.asset;
      const asset: TileAsset = { id, width, height, urls: assetUrls(id), ...(mime ? { mime } : {}) };
      return { ...state, tiles: setTile(state.tiles, event.index, { index: event.index, status: 'done', asset }) };
    }
    case 'output_error':
      return { ...state, tiles: setTile(state.tiles, event.index, { index: event.index, status: 'failed', error: event.error }) };
    default:
      return state;
  }
}

export function countByStatus(tiles: Tile[]): Record<TileStatus, number> {
  const counts: Record<TileStatus, number> = { pending: 0, done: 0, failed: 0, canceled: 0 };
  for (const t of tiles) counts[t.status]++;
  return counts;
}

/** A stored output as the shared image components take it: with its prompt, set and kind. */
export function outputImage(generation: Generation, asset: TileAsset): ImageRef {
  return {
    id: asset.id, urls: asset.urls, width: asset.width, height: asset.height, prompt: generation.prompt, generationId: generation.id,
    kind: generation.mode === 'edit' ? 'edited' : 'generated', ...(asset.mime ? { mime: asset.mime } : {}),
  };
}

/** The stored outputs of a set, in order: what its large view steps through. */
export const setImages = (generation: Generation, tiles: readonly Tile[]): ImageRef[] =>
  tiles.flatMap((tile) => (tile.asset ? [outputImage(generation, tile.asset)] : []));
