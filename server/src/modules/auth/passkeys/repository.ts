import type { Db } from '../../../db/database.js';
import type { Passkey } from '../../../db/schema.js';

export class PasskeyRepository {
  constructor(private readonly db: Db) {}

  async insert(passkey: Passkey): Promise<void> {
    await this.db.insertInto('passkeys').values(passkey).execute();
  }

  /** The person's passkeys, oldest first. */
  listForUser(userId: string): Promise<Passkey[]> {
    return this.db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  async countForUser(userId: string): Promise<number> {
    const row = await this.db.selectFrom('passkeys').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findByCredentialId(credentialId: string): Promise<Passkey | undefined> {
    return this.db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  }

  /** Renames the person's passkey; false when they have none with this id. */
  async rename(userId: string, id: string, name: string): Promise<boolean> {
    const res = await this.db.updateTable('passkeys').set({ name }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async recordUse(id: string, counter: number, at: number): Promise<void> {
    await this.db.updateTable('passkeys').set({ counter, last_used_at: at }).where('id', '=', id).execute();
  }

  /** Removes the person's passkey; false when they have none with this id. */
  async delete(userId: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('passkeys').where('user_id', '=', userId).execute();
  }
}
