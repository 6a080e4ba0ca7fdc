import type { Db } from '../../db/database.js';
import type { PromptSnippetsTable } from '../../db/schema.js';

export type PromptSnippet = PromptSnippetsTable;

/** Prompt snippets. SQL only: ownership and rules live in PromptSnippetService. */
export class PromptSnippetRepository {
  constructor(private readonly db: Db) {}

  async insert(s: PromptSnippet): Promise<void> {
    await this.db.insertInto('prompt_snippets').values(s).execute();
  }

  findOwned(userId: string, id: string): Promise<PromptSnippet | undefined> {
    return this.db.selectFrom('prompt_snippets').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  listForUser(userId: string, limit: number): Promise<PromptSnippet[]> {
    return this.db.selectFrom('prompt_snippets').selectAll().where('user_id', '=', userId).orderBy('name').orderBy('id').limit(limit).execute();
  }

  countForUser(userId: string): Promise<number> {
    return this.db.selectFrom('prompt_snippets').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId)
      .executeTakeFirstOrThrow().then((r) => Number(r.n));
  }

  async update(userId: string, id: string, patch: { name?: string; text?: string; updated_at: number }): Promise<void> {
    await this.db.updateTable('prompt_snippets').set(patch).where('id', '=', id).where('user_id', '=', userId).execute();
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('prompt_snippets').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('prompt_snippets').where('user_id', '=', userId).execute();
  }
}
