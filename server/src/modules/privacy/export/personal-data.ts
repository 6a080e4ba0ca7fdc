import { iso, type ExportEntry, type PersonalData } from '../../../lib/personal-data.js';
import type { JobQueue } from '../../../queue/job-queue.js';
import type { BlobStore } from '../../../storage/blob-store.js';
import type { ExportRepository } from './repository.js';

/** Export files live under the owner's prefix and are encrypted with their data key, like their images. */
export const exportBlobKey = (userId: string, exportId: string) => `u/${userId}/exports/${exportId}.zip`;

/** The person's exports: every file and row, and their pending export jobs are canceled. */
export class ExportPersonalData implements PersonalData {
  readonly tables = ['exports'];
  readonly exported = this.tables;

  constructor(
    private readonly repo: ExportRepository,
    private readonly blobs: Pick<BlobStore, 'delete'>,
    private readonly queue: Pick<JobQueue, 'cancelSubject'>,
  ) {}

  /** exports.json: when each export was asked for and what became of it (the files themselves expire). */
  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const list = await this.repo.listForUserAll(userId);
    yield {
      path: 'exports.json',
      json: list.map((e) => ({ id: e.id, status: e.status, createdAt: iso(e.created_at), readyAt: iso(e.ready_at), expiresAt: iso(e.expires_at), bytes: e.bytes })),
    };
  }

  async eraseFor(userId: string): Promise<void> {
    for (const e of await this.repo.listForUserAll(userId)) {
      await this.queue.cancelSubject(e.id);
      if (e.blob_key) await this.blobs.delete(e.blob_key);
      await this.blobs.delete(exportBlobKey(userId, e.id)); // a half-built one may exist before blob_key is set
    }
    await this.repo.deleteForUser(userId);
  }
}
