import type { Generation, GenerationOutput } from '../../db/schema.js';
import { groupBy } from '../../lib/group-by.js';
import { iso, parseJson, type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { GenerationRepository } from './repository.js';

/** Generations are read in pages of this many, so a history of any size is exported in bounded memory. */
export const EXPORT_PAGE_SIZE = 500;

type OutputRow = Pick<GenerationOutput, 'idx' | 'asset_id' | 'error_code' | 'error_message'>;

export function generationRecord(g: Generation, outputs: OutputRow[]) {
  return {
    id: g.id,
    mode: g.mode,
    prompt: g.prompt,
    parameters: parseJson(g.params),
    engine: g.engine,
    model: g.model,
    status: g.status,
    error: parseJson(g.error),
    parentAssetId: g.parent_asset_id,
    usage: parseJson(g.usage),
    createdAt: iso(g.created_at),
    startedAt: iso(g.started_at),
    finishedAt: iso(g.finished_at),
    outputs: outputs
      .sort((a, b) => a.idx - b.idx)
      .map((o) => ({ index: o.idx, assetId: o.asset_id, error: o.error_code ? { code: o.error_code, message: o.error_message } : null })),
  };
}

/** Every generation and edit of the person with its outputs: generations.json in the export. */
export class GenerationPersonalData implements PersonalData {
  readonly tables = ['generations', 'generation_outputs', 'generation_counts'];
  readonly exported = ['generations', 'generation_outputs'];

  constructor(private readonly repo: GenerationRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    yield { path: 'generations.json', jsonPages: () => this.recordPages(userId) };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }

  private async *recordPages(userId: string): AsyncGenerator<ReturnType<typeof generationRecord>[]> {
    for await (const page of this.repo.pagesForUser(userId, EXPORT_PAGE_SIZE)) {
      const byGeneration = groupBy(await this.repo.outputRowsFor(page.map((g) => g.id)), (o) => o.generation_id);
      yield page.map((g) => generationRecord(g, byGeneration.get(g.id) ?? []));
    }
  }
}
