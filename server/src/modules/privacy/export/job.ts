import type { Clock } from '../../../lib/clock.js';
import type { JobQueue, QueuedJob, RunningJob } from '../../../queue/job-queue.js';
import type { BlobStore } from '../../../storage/blob-store.js';
import type { PersonalData } from '../../../lib/personal-data.js';
import { writeExportArchive } from './archive.js';
import type { ExportRepository } from './repository.js';
import { EXPORT_JOB, exportBlobKey, type ExportService } from './service.js';
import { ZipWriter } from './zip-writer.js';

/**
 * Builds one export: the zip streams from the modules' sources through yazl into the BlobStore (encrypted under the
 * owner's key), so memory stays flat whatever the size of the library. A retried job simply rewrites the file.
 */
export class ExportJob {
  constructor(
    private readonly repo: ExportRepository,
    /** What goes into the archive, in its order (server/src/personal-data.ts). */
    private readonly sources: readonly PersonalData[],
    private readonly blobs: BlobStore,
    private readonly exports: ExportService,
    private readonly clock: Clock,
    private readonly onReady?: (userId: string, exportId: string) => Promise<void>,
  ) {}

  register(queue: JobQueue): void {
    queue.handle(EXPORT_JOB, (running) => this.run(running), (job, lastError) => this.giveUp(job, lastError));
  }

  async run({ job, signal }: RunningJob): Promise<void> {
    const exportId = job.subjectId;
    const userId = job.userId;
    // An export that is gone or already ended (the job ran again after a crash) has nothing left to do.
    if (!(await this.repo.transition(exportId, ['queued', 'running'], { status: 'running' }))) return;
    const key = exportBlobKey(userId, exportId);
    const zip = new ZipWriter();
    const onAbort = () => zip.abort(new Error('The export was stopped.'));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const failing = (err: Error) => {
        zip.abort(err);
        throw err;
      };
      const [put] = await Promise.all([
        this.blobs.put(key, zip.output, { userId, contentType: 'application/zip' }).catch(failing),
        writeExportArchive(zip, this.sources, this.blobs, userId).catch(failing),
      ]);
      const readyAt = this.clock.now();
      const done = await this.repo.transition(exportId, ['running'], {
        status: 'ready', blob_key: key, bytes: put.size, ready_at: readyAt, expires_at: this.exports.expiryFor(readyAt), error: null,
      });
      if (!done) await this.blobs.delete(key); // the export row went away meanwhile (account deleted)
      else await this.onReady?.(userId, exportId);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async giveUp(job: QueuedJob, lastError: string): Promise<void> {
    await this.blobs.delete(exportBlobKey(job.userId, job.subjectId));
    await this.repo.transition(job.subjectId, ['queued', 'running'], { status: 'failed', error: lastError.slice(0, 500) });
  }
}
