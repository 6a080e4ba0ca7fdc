import type { Readable } from 'node:stream';
import type { Db } from '../../../db/database.js';
import { serializeOnRow } from '../../../db/dialect.js';
import type { DataExport, ExportStatus } from '../../../db/schema.js';
import { AppError, notFound } from '../../../http/errors.js';
import { DAY_MS, type Clock } from '../../../lib/clock.js';
import { newId } from '../../../lib/ids.js';
import type { JobOutbox } from '../../../db/job-outbox.js';
import type { JobQueue } from '../../../queue/job-queue.js';
import type { BlobStore } from '../../../storage/blob-store.js';
import { BlobNotFoundError } from '../../../storage/errors.js';
import { ExportPersonalData } from './personal-data.js';
import type { ExportRepository } from './repository.js';

export const EXPORT_JOB = 'export';
/** At most one export per person in this window. */
export const EXPORT_INTERVAL_MS = DAY_MS;
const EXPIRE_BATCH = 200;

export { exportBlobKey } from './personal-data.js';

export interface ExportDto {
  id: string;
  status: ExportStatus;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  bytes: number | null;
}

export interface ExportDownload {
  stream: Readable;
  bytes: number;
  fileName: string;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Personal data exports: requested by their owner (one per 24 h), built by a durable job (ExportJob), downloaded
 * by the owner only, and deleted `exportRetentionDays` after they were made.
 */
export class ExportService {
  /** The person's exports, for the account purge. */
  readonly personalData: ExportPersonalData;

  constructor(
    private readonly db: Db,
    private readonly repo: ExportRepository,
    private readonly blobs: BlobStore,
    private readonly queue: JobQueue,
    private readonly outbox: JobOutbox,
    private readonly clock: Clock,
    private readonly opts: { exportRetentionDays: number },
  ) {
    this.personalData = new ExportPersonalData(repo, blobs, queue);
  }

  toDto(e: DataExport): ExportDto {
    // A ready export past its expiry is reported expired at once, even before maintenance deletes the file.
    const expired = e.status === 'ready' && e.expires_at !== null && e.expires_at <= this.clock.now();
    return {
      id: e.id,
      status: expired ? 'expired' : e.status,
      createdAt: iso(e.created_at)!,
      readyAt: iso(e.ready_at),
      expiresAt: iso(e.expires_at),
      bytes: e.bytes,
    };
  }

  /** Queues a new export; refused with 429 (and Retry-After) within 24 h of the previous one. */
  async request(userId: string): Promise<ExportDto> {
    const id = newId();
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await serializeOnRow(trx, 'users', userId);
      const latest = await this.repo.latestCounted(userId, trx);
      if (latest && now - latest.created_at < EXPORT_INTERVAL_MS) {
        const wait = Math.ceil((latest.created_at + EXPORT_INTERVAL_MS - now) / 1000);
        const hours = Math.max(1, Math.round(wait / 3600));
        throw new AppError('EXPORT_RATE_LIMITED',
          `You can request one export per 24 hours. Your last one is on its way or ready to download; try again in about ${hours} hour${hours === 1 ? '' : 's'}.`,
          { retryAfterSeconds: wait, lastExportId: latest.id }, { 'retry-after': String(wait) });
      }
      await this.repo.insertIn(trx, {
        id, user_id: userId, status: 'queued', blob_key: null, bytes: null, error: null, created_at: now, ready_at: null, expires_at: null,
      });
      await this.outbox.addIn(trx, { kind: EXPORT_JOB, subjectId: id, userId, cost: 1, maxAttempts: 3 });
    });
    this.outbox.committed();
    return this.get(userId, id);
  }

  async list(userId: string): Promise<ExportDto[]> {
    return (await this.repo.listForUser(userId, 50)).map((e) => this.toDto(e));
  }

  async get(userId: string, id: string): Promise<ExportDto> {
    return this.toDto(await this.requireOwned(userId, id));
  }

  /** The zip, decrypted as it streams; only for the owner, only while ready. */
  async download(userId: string, id: string): Promise<ExportDownload> {
    const e = await this.requireOwned(userId, id);
    const dto = this.toDto(e);
    if (dto.status === 'expired') {
      throw new AppError('EXPORT_EXPIRED', 'This export has expired and its file was deleted. Request a new one.');
    }
    if (dto.status !== 'ready' || !e.blob_key || e.bytes === null) {
      throw new AppError('EXPORT_NOT_READY', `This export is ${dto.status === 'failed' ? 'failed: request a new one' : 'not ready yet: try again in a moment'}.`);
    }
    try {
      const stream = await this.blobs.get(e.blob_key, userId);
      const day = new Date(e.created_at).toISOString().slice(0, 10);
      return { stream, bytes: e.bytes, fileName: `atelier-export-${day}.zip` };
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw new AppError('EXPORT_EXPIRED', 'The file of this export is gone. Request a new one.');
      throw err;
    }
  }

  /** Maintenance: deletes the files of exports past their expiry and marks them expired. Returns how many. */
  async expire(): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await this.repo.listExpired(this.clock.now(), EXPIRE_BATCH);
      for (const e of batch) {
        if (e.blob_key) await this.blobs.delete(e.blob_key);
        if (await this.repo.transition(e.id, ['ready'], { status: 'expired', blob_key: null })) n += 1;
      }
      if (batch.length < EXPIRE_BATCH) return n;
    }
  }

  /** Maintenance: rows of ended exports (no file any more) older than `cutoff`. */
  deleteEndedBefore(cutoff: number): Promise<number> {
    return this.repo.deleteEndedBefore(cutoff);
  }

  /** Account purge: every export file and row of the person, and their pending export jobs are canceled. */
  purgeUser(userId: string): Promise<void> {
    return this.personalData.eraseFor(userId);
  }

  expiryFor(readyAt: number): number {
    return readyAt + this.opts.exportRetentionDays * DAY_MS;
  }

  private async requireOwned(userId: string, id: string): Promise<DataExport> {
    const e = await this.repo.findOwned(userId, id);
    if (!e) throw notFound('Export');
    return e;
  }
}
