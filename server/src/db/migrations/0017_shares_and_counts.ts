import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Issue #23, in one migration:
 * - share links (modules/shares): a link to one image, a set (generation) or an album that works signed out. Only
 *   the token's hash is stored; a revoked link keeps its row so that it answers 410 instead of 404;
 * - library totals: `asset_counts` and `generation_counts` hold how many images / generations a person has per
 *   filter value, kept by triggers in the same transaction as every insert, trash, restore, favourite, status
 *   change and delete, so the gallery and history can show a total without counting a million rows;
 * - support messages ("Contact the operator"), read in the admin console and deleted by the retention run;
 * - prompt snippets: a person's saved prompts and templates with {{variables}}.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createShares(db);
  await createCounts(db);
  await db.schema
    .createTable('support_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reply_to', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_messages_created').on('support_messages').columns(['created_at']).execute();
  await db.schema.createIndex('support_messages_user').on('support_messages').columns(['user_id']).execute();
  await db.schema
    .createTable('prompt_snippets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prompt_snippets_user').on('prompt_snippets').columns(['user_id', 'name']).execute();
}

async function createShares(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('allow_download', 'integer', (c) => c.notNull())
    .addColumn('include_prompt', 'integer', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shares_user_created').on('shares').columns(['user_id', 'created_at']).execute();
}

/** A counter table and what keys it: the columns of the counted table it groups by. */
interface Counted {
  table: string;
  counts: string;
  /** Key columns of the counter: name, its type, and the expression over the counted row (NEW./OLD. prefixed). */
  keys: { name: string; type: 'text' | 'integer'; of: (row: 'NEW' | 'OLD') => string }[];
}

const COUNTED: Counted[] = [
  {
    table: 'assets',
    counts: 'asset_counts',
    keys: [
      { name: 'kind', type: 'text', of: (r) => `${r}.kind` },
      { name: 'trashed', type: 'integer', of: (r) => `(case when ${r}.deleted_at is null then 0 else 1 end)` },
      { name: 'favorite', type: 'integer', of: (r) => `${r}.favorite` },
    ],
  },
  {
    table: 'generations',
    counts: 'generation_counts',
    keys: [
      { name: 'mode', type: 'text', of: (r) => `${r}.mode` },
      { name: 'status', type: 'text', of: (r) => `${r}.status` },
      { name: 'engine', type: 'text', of: (r) => `${r}.engine` },
    ],
  },
];

async function createCounts(db: Kysely<any>): Promise<void> {
  for (const c of COUNTED) {
    let table = db.schema.createTable(c.counts).addColumn('user_id', 'text', (col) => col.notNull());
    for (const k of c.keys) table = table.addColumn(k.name, k.type, (col) => col.notNull());
    await table
      .addColumn('n', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint(`${c.counts}_pk`, ['user_id', ...c.keys.map((k) => k.name)] as never)
      .execute();
    const names = ['user_id', ...c.keys.map((k) => k.name)];
    const of = (row: 'NEW' | 'OLD') => [`${row}.user_id`, ...c.keys.map((k) => k.of(row))];
    const match = (row: 'NEW' | 'OLD') => names.map((n, i) => `${n} = ${of(row)[i]}`).join(' and ');
    const add = `insert into ${c.counts} (${names.join(', ')}, n) values (${of('NEW').join(', ')}, 1)
      on conflict (${names.join(', ')}) do update set n = ${c.counts}.n + 1;`;
    // Decrements only update: a counter the account purge already erased stays erased.
    const remove = `update ${c.counts} set n = n - 1 where ${match('OLD')};`;
    const changed = of('OLD').map((o, i) => `${o} <> ${of('NEW')[i]}`).join(' or ');
    if (isPostgres(db)) {
      await sql.raw(`create function ${c.counts}_keep() returns trigger language plpgsql as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') then ${remove} end if;
          if tg_op in ('UPDATE', 'INSERT') then ${add} end if;
          return null;
        end $$`).execute(db);
      await sql.raw(`create trigger ${c.counts}_insert_delete after insert or delete on ${c.table}
        for each row execute function ${c.counts}_keep()`).execute(db);
      await sql.raw(`create trigger ${c.counts}_update after update on ${c.table}
        for each row when (${changed}) execute function ${c.counts}_keep()`).execute(db);
    } else {
      await sql.raw(`create trigger ${c.counts}_insert after insert on ${c.table} begin ${add} end`).execute(db);
      await sql.raw(`create trigger ${c.counts}_delete after delete on ${c.table} begin ${remove} end`).execute(db);
      await sql.raw(`create trigger ${c.counts}_update after update on ${c.table} when ${changed} begin ${remove} ${add} end`).execute(db);
    }
    // What is there already.
    const keyExprs = c.keys.map((k) => k.of('NEW').replace(/NEW\./g, ''));
    await sql.raw(`insert into ${c.counts} (${names.join(', ')}, n)
      select user_id, ${keyExprs.join(', ')}, count(*) from ${c.table} group by user_id, ${keyExprs.join(', ')}`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of COUNTED) {
    if (isPostgres(db)) {
      await sql.raw(`drop trigger if exists ${c.counts}_insert_delete on ${c.table}`).execute(db);
      await sql.raw(`drop trigger if exists ${c.counts}_update on ${c.table}`).execute(db);
      await sql.raw(`drop function if exists ${c.counts}_keep()`).execute(db);
    } else {
      for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists ${c.counts}_${t}`).execute(db);
    }
    await db.schema.dropTable(c.counts).execute();
  }
  await db.schema.dropTable('prompt_snippets').execute();
  await db.schema.dropTable('support_messages').execute();
  await db.schema.dropTable('shares').execute();
}
