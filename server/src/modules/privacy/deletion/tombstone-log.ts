import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export const TOMBSTONE_FILE = 'deletion-tombstones.jsonl';

export interface Tombstone {
  userId: string;
  /** Epoch milliseconds of the purge. */
  deletedAt: number;
}

/**
 * Append-only list of purged accounts, one JSON line each, kept beside the database in the data folder and
 * outside every backup: restoring an older database cannot roll it back, so a restore can replay it
 * (see docs/adr/0004-deletion-and-backups.md). Holds the user id and the date only.
 */
export class TombstoneLog {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, TOMBSTONE_FILE);
  }

  /** Appends and fsyncs before returning: the tombstone is durable before the purge removes anything. */
  async append(t: Tombstone): Promise<void> {
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    const fh = await fsp.open(this.file, 'a', 0o600);
    try {
      await fh.write(`${JSON.stringify({ userId: t.userId, deletedAt: new Date(t.deletedAt).toISOString() })}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** Every tombstone (the first date wins for an id written twice). A torn last line is skipped. */
  readAll(): Tombstone[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const byId = new Map<string, number>();
    for (const line of text.split('\n')) {
      const t = parseLine(line);
      if (t && !byId.has(t.userId)) byId.set(t.userId, t.deletedAt);
    }
    return [...byId].map(([userId, deletedAt]) => ({ userId, deletedAt }));
  }
}

function parseLine(line: string): Tombstone | undefined {
  if (line.trim() === '') return undefined;
  try {
    const v = JSON.parse(line) as { userId?: unknown; deletedAt?: unknown };
    const at = typeof v.deletedAt === 'string' ? Date.parse(v.deletedAt) : NaN;
    if (typeof v.userId !== 'string' || v.userId === '' || Number.isNaN(at)) return undefined;
    return { userId: v.userId, deletedAt: at };
  } catch {
    return undefined;
  }
}
