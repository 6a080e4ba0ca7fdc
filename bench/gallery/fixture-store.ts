/**
 * Where the gallery benchmark writes its fixture rows and reads its probes, straight to the database the app
 * runs on (not through the app): SQLite through its own better-sqlite3 connection, PostgreSQL through a pg pool.
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** An assets row in column order: id, user_id, kind, parent_id, generation_id, output_index, blob_key, thumb_key,
 * mime, width, height, bytes, sha256, search_text, metadata, favorite, deleted_at, created_at. */
export type AssetRow = [string, string, string, string | null, string | null, number | null, string, string | null,
  string, number, number, number, string, string, string, number, number | null, number];
/** asset_id, user_id, tag, created_at. */
export type TagRow = [string, string, string, number];

export interface FixtureStore {
  readonly name: string;
  /** Inserts one batch in one transaction; returns how many tag rows were new. */
  insert(assets: AssetRow[], tags: TagRow[]): Promise<number>;
  liveCount(userId: string): Promise<number>;
  tagCounts(userId: string): Promise<Array<{ tag: string; n: number }>>;
  /** Random live rows of the user matching `where` (an `and …` SQL fragment both dialects read). */
  randomRows(userId: string, where: string, n: number, random: () => number): Promise<Array<{ created_at: number; id: string }>>;
  /** One line of query plan for a query the app runs. */
  plan(sql: string, parameters: readonly unknown[]): Promise<string>;
  sizeMiB(): Promise<number>;
  close(): Promise<void>;
}

const ASSET_COLUMNS = `id, user_id, kind, parent_id, generation_id, output_index, blob_key, thumb_key, mime, width, height, bytes,
  sha256, search_text, metadata, favorite, deleted_at, created_at`;

export class SqliteFixtures implements FixtureStore {
  readonly name = 'SQLite';
  private readonly db: SQLite.Database;
  private readonly insertAsset: SQLite.Statement;
  private readonly insertTag: SQLite.Statement;

  constructor(private readonly file: string) {
    this.db = new SQLite(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF'); // this connection only loads fixtures
    this.db.pragma('cache_size = -262144');
    this.db.pragma('busy_timeout = 5000');
    this.insertAsset = this.db.prepare(`insert into assets (${ASSET_COLUMNS}) values (${Array(18).fill('?').join(', ')})`);
    this.insertTag = this.db.prepare('insert or ignore into asset_tags (asset_id, user_id, tag, created_at) values (?, ?, ?, ?)');
  }

  async insert(assets: AssetRow[], tags: TagRow[]): Promise<number> {
    let added = 0;
    this.db.transaction(() => {
      for (const a of assets) this.insertAsset.run(...a);
      for (const t of tags) added += this.insertTag.run(...t).changes;
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return added;
  }

  async liveCount(userId: string): Promise<number> {
    return (this.db.prepare('select count(*) as n from assets where user_id = ? and deleted_at is null').get(userId) as { n: number }).n;
  }

  async tagCounts(userId: string): Promise<Array<{ tag: string; n: number }>> {
    return this.db.prepare('select tag, count(*) as n from asset_tags where user_id = ? group by tag order by n desc').all(userId) as Array<{ tag: string; n: number }>;
  }

  async randomRows(userId: string, where: string, n: number, random: () => number): Promise<Array<{ created_at: number; id: string }>> {
    const maxRowid = (this.db.prepare('select max(rowid) as m from assets').get() as { m: number }).m;
    const probe = this.db.prepare(`select created_at, id from assets where rowid = ? and user_id = ? and deleted_at is null ${where}`);
    const out: Array<{ created_at: number; id: string }> = [];
    for (let tries = 0; out.length < n && tries < n * 2000; tries++) {
      const row = probe.get(1 + Math.floor(random() * maxRowid), userId) as { created_at: number; id: string } | undefined;
      if (row) out.push(row);
    }
    return out;
  }

  async plan(sql: string, parameters: readonly unknown[]): Promise<string> {
    const rows = this.db.prepare(`explain query plan ${sql}`).all(...parameters) as Array<{ detail: string }>;
    return rows.map((p) => p.detail).join(' | ');
  }

  async sizeMiB(): Promise<number> {
    return fs.statSync(this.file).size / 2 ** 20;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Column types of AssetRow, for unnest: one array parameter per column. */
const ASSET_TYPES = ['text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'int', 'int', 'bigint', 'text', 'text', 'text',
  'int', 'bigint', 'bigint'];

export class PostgresFixtures implements FixtureStore {
  readonly name = 'PostgreSQL';
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  async insert(assets: AssetRow[], tags: TagRow[]): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const columns = ASSET_TYPES.map((_, c) => assets.map((a) => a[c]));
      await client.query(`insert into assets (${ASSET_COLUMNS}) select * from unnest(${ASSET_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`, columns);
      const tagColumns = [0, 1, 2, 3].map((c) => tags.map((t) => t[c]));
      const res = await client.query(`insert into asset_tags (asset_id, user_id, tag, created_at)
        select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) on conflict do nothing`, tagColumns);
      await client.query('commit');
      await client.query('vacuum analyze assets');
      await client.query('vacuum analyze asset_tags');
      return res.rowCount ?? 0;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async liveCount(userId: string): Promise<number> {
    const { rows } = await this.pool.query('select count(*)::int as n from assets where user_id = $1 and deleted_at is null', [userId]);
    return rows[0].n;
  }

  async tagCounts(userId: string): Promise<Array<{ tag: string; n: number }>> {
    const { rows } = await this.pool.query('select tag, count(*)::int as n from asset_tags where user_id = $1 group by tag order by n desc', [userId]);
    return rows;
  }

  async randomRows(userId: string, where: string, n: number, random: () => number): Promise<Array<{ created_at: number; id: string }>> {
    const client = await this.pool.connect();
    try {
      await client.query('select setseed($1)', [random() * 2 - 1]); // replayable, like the SQLite probes
      const { rows } = await client.query(`select created_at::float8 as created_at, id from assets
        where user_id = $1 and deleted_at is null ${where} order by random() limit $2`, [userId, n]);
      return rows;
    } finally {
      client.release();
    }
  }

  async plan(sql: string, parameters: readonly unknown[]): Promise<string> {
    const { rows } = await this.pool.query(`explain ${sql}`, parameters as unknown[]);
    return rows.map((r: Record<string, string>) => Object.values(r)[0]!.trim()).join(' | ');
  }

  async sizeMiB(): Promise<number> {
    const { rows } = await this.pool.query('select pg_database_size(current_database())::float8 as b');
    return rows[0].b / 2 ** 20;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
