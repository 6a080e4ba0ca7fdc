import type { Generation } from '../../db/schema.js';
import { storedFailure } from '../../http/errors.js';
import type { OutputWithAsset } from './repository.js';
import type { GenerationDto, GenerationParams, OutputDto } from './schemas.js';

export type { GenerationDto, GenerationParams, OutputDto };

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export const assetUrls = (id: string) => ({ content: `/api/v1/assets/${id}/content`, thumbnail: `/api/v1/assets/${id}/thumbnail` });

export function toGenerationDto(g: Generation, outputs: OutputWithAsset[]): GenerationDto {
  const params = JSON.parse(g.params) as GenerationParams;
  const byIndex = new Map(outputs.map((o) => [o.idx, o]));
  const list: OutputDto[] = [];
  for (let index = 0; index < params.count; index++) {
    const o = byIndex.get(index);
    const item: OutputDto = { index };
    if (o?.asset_id && o.width !== null && o.height !== null && o.mime !== null) {
      item.asset = { id: o.asset_id, width: o.width, height: o.height, mime: o.mime, urls: assetUrls(o.asset_id) };
    } else if (o?.asset_id) {
      item.error = { code: 'ASSET_DELETED', message: 'This image was deleted for good.' };
    } else if (o?.error_code) {
      item.error = storedFailure({ code: o.error_code, message: o.error_message ?? '' }, 'ENGINE_ERROR');
    }
    list.push(item);
  }
  return {
    id: g.id,
    mode: g.mode,
    status: g.status,
    prompt: g.prompt,
    params,
    engine: g.engine,
    model: g.model,
    progress: g.progress,
    parentAssetId: g.parent_asset_id,
    outputs: list,
    ...(g.error ? { error: storedFailure(JSON.parse(g.error) as { code: string; message: string }, 'ENGINE_ERROR') } : {}),
    usage: g.usage ? (JSON.parse(g.usage) as Record<string, number>) : null,
    createdAt: new Date(g.created_at).toISOString(),
    startedAt: iso(g.started_at),
    finishedAt: iso(g.finished_at),
  };
}

export const isTerminal = (status: Generation['status']) => status !== 'queued' && status !== 'running';
