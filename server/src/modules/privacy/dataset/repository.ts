import type { Db } from '../../../db/database.js';

export interface TrainingItem {
  id: string;
  userId: string;
  blobKey: string;
  mime: string;
  width: number;
  height: number;
  createdAt: number;
  mode: 'generate' | 'edit';
  prompt: string;
  engine: string;
  params: string;
}

/** Images a person made with a prompt (generated or edited, not trashed), for the training dataset. */
export class DatasetRepository {
  constructor(private readonly db: Db) {}

  /** One keyset page of the user's items, oldest first. */
  async page(userId: string, after: { createdAt: number; id: string } | undefined, limit: number): Promise<TrainingItem[]> {
    let q = this.db
      .selectFrom('assets as a')
      .innerJoin('generations as g', 'g.id', 'a.generation_id')
      .select([
        'a.id', 'a.user_id as userId', 'a.blob_key as blobKey', 'a.mime', 'a.width', 'a.height', 'a.created_at as createdAt',
        'g.mode', 'g.prompt', 'g.engine', 'g.params',
      ])
      .where('a.user_id', '=', userId)
      .where('a.kind', 'in', ['generated', 'edited'])
      .where('a.deleted_at', 'is', null);
    if (after) {
      q = q.where((eb) => eb.or([eb('a.created_at', '>', after.createdAt), eb.and([eb('a.created_at', '=', after.createdAt), eb('a.id', '>', after.id)])]));
    }
    return q.orderBy('a.created_at').orderBy('a.id').limit(limit).execute();
  }
}
