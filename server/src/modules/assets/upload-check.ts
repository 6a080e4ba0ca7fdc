import type { Transaction } from 'kysely';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { Asset, Database } from '../../db/schema.js';
import type { JobQueue, RunningJob } from '../../queue/job-queue.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { BlobNotFoundError } from '../../storage/errors.js';
import type { AssetRepository } from './repository.js';

export const UPLOAD_CHECK_JOB = 'upload-check';

/** The image check's answer on one image (modules/moderation ImageReview): kept, kept blurred, or refused. */
export type UploadVerdict =
  | { kind: 'keep' }
  | { kind: 'blurred'; data: Buffer; category: string }
  | { kind: 'refused'; category: string; message: string };

export interface UploadReviewer {
  review(userId: string, image: { data: Buffer; mime: string; width: number; height: number }): Promise<UploadVerdict>;
}

/** How a check ended: `gone` when the upload was no longer waiting (already checked, or deleted). */
export type CheckOutcome = UploadVerdict['kind'] | 'gone';

/**
 * The image check of uploads, off the request path (ADR 0035): the upload is stored waiting (`checking`), its job is
 * written in the same commit (the outbox, ADR 0009), and the job classifies it. Clean: usable. Blurred: the stored
 * copy is replaced by the blurred one. Refused: row and blobs go, as the synchronous check stored nothing.
 * Idempotent: an upload no longer waiting is left alone, so a job run twice (or after a restart) does no harm.
 */
export class UploadCheck {
  private readonly running = new Map<string, Promise<UploadVerdict | undefined>>();

  constructor(
    private readonly repo: AssetRepository,
    private readonly blobs: BlobStore,
    private readonly outbox: JobOutbox,
    private readonly reviewer: UploadReviewer,
  ) {}

  register(queue: JobQueue): void {
    queue.handle(UPLOAD_CHECK_JOB, (running) => this.run(running), async (job) => {
      // A check that kept failing: the image is not kept unchecked (the person can upload it again).
      await this.discard(job.subjectId);
    });
  }

  /** Writes the upload's check job in the transaction that stores it. */
  async queueIn(trx: Transaction<Database>, asset: { id: string; user_id: string }): Promise<void> {
    await this.outbox.addIn(trx, { kind: UPLOAD_CHECK_JOB, subjectId: asset.id, userId: asset.user_id, cost: 1, maxAttempts: 5 });
  }

  /** Notifies the relay once the upload's transaction committed. */
  committed(): void {
    this.outbox.committed();
  }

  async run({ job }: RunningJob): Promise<void> {
    await this.check(job.subjectId);
  }

  /**
   * Checks the upload now if it still waits (one check per upload at a time in this process) and returns the
   * verdict, or undefined when there was nothing to check. A compatible request that must use its image at once
   * calls this itself; the job then finds nothing left to do.
   */
  check(assetId: string): Promise<UploadVerdict | undefined> {
    const running = this.running.get(assetId);
    if (running) return running;
    const p = this.doCheck(assetId).finally(() => this.running.delete(assetId));
    this.running.set(assetId, p);
    return p;
  }

  private async doCheck(assetId: string): Promise<UploadVerdict | undefined> {
    const asset = await this.repo.findById(assetId);
    if (!asset || asset.checking !== 1) return undefined;
    let data: Buffer;
    try {
      data = await this.blobs.getBuffer(asset.blob_key, asset.user_id);
    } catch (err) {
      if (err instanceof BlobNotFoundError) return undefined;
      throw err;
    }
    const verdict = await this.reviewer.review(asset.user_id, { data, mime: asset.mime, width: asset.width, height: asset.height });
    if (verdict.kind === 'keep') await this.repo.endCheck(asset.id);
    else if (verdict.kind === 'blurred') await this.storeBlurred(asset, verdict.data);
    else await this.discard(asset.id, asset);
    return verdict;
  }

  /** The blurred copy replaces the stored one (atomically). No thumbnail was cached while it waited (see thumbnail()). */
  private async storeBlurred(asset: Asset, data: Buffer): Promise<void> {
    const put = await this.blobs.put(asset.blob_key, data, { userId: asset.user_id, contentType: asset.mime });
    await this.repo.endCheck(asset.id, { bytes: put.size, sha256: put.sha256 });
  }

  /** Deletes an upload still waiting for its check: the row first, then its original. */
  private async discard(assetId: string, known?: Asset): Promise<void> {
    const asset = known ?? (await this.repo.findById(assetId));
    if (!asset || !(await this.repo.deleteChecking(asset.id))) return;
    await this.blobs.delete(asset.blob_key).catch((err: unknown) => {
      if (!(err instanceof BlobNotFoundError)) throw err;
    });
  }
}
