import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import { serializeOnRow } from '../../db/dialect.js';
import type { Database, ProviderKeysTable } from '../../db/schema.js';

export type ProviderKeyRow = Selectable<ProviderKeysTable>;
export type OwnKeyProvider = ProviderKeysTable['provider'];

/** People's own provider keys (sealed) and the images each generation asked of them. */
export class ProviderKeyRepository {
  constructor(private readonly db: Db) {}

  /** Saves the person's key for a provider, replacing the one they had (one key per provider). */
  async replace(row: ProviderKeyRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('provider_keys').select('id').where('user_id', '=', row.user_id).where('provider', '=', row.provider).execute();
      await this.deleteKeys(trx, old.map((k) => k.id));
      await trx.insertInto('provider_keys').values(row).execute();
    });
  }

  list(userId: string): Promise<ProviderKeyRow[]> {
    return this.db.selectFrom('provider_keys').selectAll().where('user_id', '=', userId).orderBy('provider').execute();
  }

  find(userId: string, id: string): Promise<ProviderKeyRow | undefined> {
    return this.db.selectFrom('provider_keys').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  }

  forProvider(userId: string, provider: OwnKeyProvider): Promise<ProviderKeyRow | undefined> {
    return this.db.selectFrom('provider_keys').selectAll().where('user_id', '=', userId).where('provider', '=', provider).executeTakeFirst();
  }

  async setCap(id: string, cap: number | null): Promise<void> {
    await this.db.updateTable('provider_keys').set({ monthly_image_cap: cap }).where('id', '=', id).execute();
  }

  async delete(userId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('provider_keys').select('id').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
      if (!row) return false;
      await this.deleteKeys(trx, [row.id]);
      return true;
    });
  }

  /** Every image count charged to the person's own keys: the generation, the key and the month. */
  spendOf(userId: string): Promise<Array<Selectable<Database['provider_key_spend']>>> {
    return this.db.selectFrom('provider_key_spend').selectAll().where('user_id', '=', userId).orderBy('generation_id').execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('provider_key_spend').where('user_id', '=', userId).execute();
      await trx.deleteFrom('provider_keys').where('user_id', '=', userId).execute();
    });
  }

  /**
   * The key's cap and the images asked of it in `month`, with the key's row held so two requests cannot both pass the
   * cap; undefined when the key is gone.
   */
  async lockForSpend(trx: Kysely<Database>, keyId: string, month: string)
    : Promise<{ provider: OwnKeyProvider; cap: number | null; used: number } | undefined> {
    await serializeOnRow(trx, 'provider_keys', keyId);
    const key = await trx.selectFrom('provider_keys').select(['provider', 'monthly_image_cap']).where('id', '=', keyId).executeTakeFirst();
    if (!key) return undefined;
    const row = await trx.selectFrom('provider_key_spend').select((eb) => eb.fn.sum<number | string | null>('images').as('images'))
      .where('key_id', '=', keyId).where('month', '=', month).executeTakeFirst();
    return { provider: key.provider, cap: key.monthly_image_cap, used: Number(row?.images ?? 0) };
  }

  async monthImages(keyIds: string[], month: string): Promise<Map<string, number>> {
    if (keyIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('provider_key_spend').select(['key_id', (eb) => eb.fn.sum<number | string>('images').as('images')])
      .where('key_id', 'in', keyIds).where('month', '=', month).groupBy('key_id').execute();
    return new Map(rows.map((r) => [r.key_id, Number(r.images)]));
  }

  async recordSpend(trx: Kysely<Database>, row: Selectable<Database['provider_key_spend']>): Promise<void> {
    await trx.insertInto('provider_key_spend').values(row).execute();
  }

  /** Once a generation ended: only the images it made stay counted. Idempotent. */
  async settleSpend(generationId: string, produced: number): Promise<void> {
    await this.db.updateTable('provider_key_spend').set({ images: produced })
      .where('generation_id', '=', generationId).where('images', '>', produced).execute();
  }

  private async deleteKeys(trx: Kysely<Database>, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await trx.deleteFrom('provider_key_spend').where('key_id', 'in', ids).execute();
    await trx.deleteFrom('provider_keys').where('id', 'in', ids).execute();
  }
}
