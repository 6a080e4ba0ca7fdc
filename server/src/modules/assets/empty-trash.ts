import type { Db } from '../../db/database.js';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { Clock } from '../../lib/clock.js';
import type { JobQueue, RunningJob } from '../../queue/job-queue.js';
import type { AssetService } from './service.js';

export const EMPTY_TRASH_JOB = 'empty-trash';

/** Images purged while the request waits; a larger trash is emptied by a job. */
export const EMPTY_TRASH_NOW = 200;
const JOB_BATCH = 100;

/** The job's subject names the person and the moment they asked: images trashed after it stay. */
const subjectOf = (userId: string, before: number) => `${userId}@${before}`;
const beforeOf = (subjectId: string) => Number(subjectId.slice(subjectId.lastIndexOf('@') + 1));

/**
 * "Empty trash": everything the person had in the trash when they asked is deleted for good. The first
 * EMPTY_TRASH_NOW images go at once; when more are left, a job (written through the outbox, ADR 0009) purges the
 * rest in batches. The job is idempotent: a batch already purged is simply not found again.
 */
export class EmptyTrash {
  constructor(
    private readonly db: Db,
    private readonly outbox: JobOutbox,
    private readonly assets: Pick<AssetService, 'purgeTrashOf'>,
    private readonly clock: Clock,
  ) {}

  register(queue: JobQueue): void {
    queue.handle(EMPTY_TRASH_JOB, (running) => this.run(running), async () => {
      // Whatever a failing job left is purged by the retention run when its time comes.
    });
  }

  async request(userId: string): Promise<{ purged: number; queued: boolean }> {
    const before = this.clock.now();
    const first = await this.assets.purgeTrashOf(userId, before, EMPTY_TRASH_NOW);
    if (!first.more) return { purged: first.purged, queued: false };
    await this.db.transaction().execute((trx) =>
      this.outbox.addIn(trx, { kind: EMPTY_TRASH_JOB, subjectId: subjectOf(userId, before), userId, cost: 1, maxAttempts: 5 }));
    this.outbox.committed();
    return { purged: first.purged, queued: true };
  }

  async run({ job, signal }: RunningJob): Promise<void> {
    const before = beforeOf(job.subjectId);
    if (!Number.isSafeInteger(before)) return;
    for (let more = true; more && !signal.aborted;) {
      ({ more } = await this.assets.purgeTrashOf(job.userId, before, JOB_BATCH));
    }
  }
}
