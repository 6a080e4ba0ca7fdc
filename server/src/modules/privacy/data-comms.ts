import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { PersonalData } from '../../lib/personal-data.js';
import { AuditRepository, type UserRepository } from '../auth/repository.js';
import type { JobQueue } from '../../queue/job-queue.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { AnalyticsRepository } from './analytics/repository.js';
import { UsageAnalytics } from './analytics/service.js';
import type { ConsentService } from './consents/service.js';
import { ExportJob } from './export/job.js';
import { ExportRepository } from './export/repository.js';
import { ExportService } from './export/service.js';
import { AccountNotices } from './outbox/account-notices.js';
import { OutboxDelivery } from './outbox/delivery.js';
import { SmtpMailer, type Mailer } from './outbox/mailer.js';
import { Outbox } from './outbox/service.js';
import { OutboxRepository } from './outbox/repository.js';
import { Unsubscriber } from './outbox/unsubscribe.js';
import { UnsubscribeTokens } from './outbox/unsubscribe-token.js';
import { PolicyService } from './policy/service.js';
import { PolicyRepository } from './policy/repository.js';
import { applyRetention, type RetentionReport } from './retention/retention.js';
import { EngineHealthRepository } from '../../engines/health-repository.js';

export interface DataCommsDeps {
  config: Config;
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  queue: JobQueue;
  outbox: JobOutbox;
  masterKey: Buffer;
  consents: ConsentService;
  users: UserRepository;
  /** What goes into a person's export, in the archive's order (server/src/personal-data.ts). */
  exportSources: readonly PersonalData[];
  /** Tests pass their own; otherwise SMTP when ATELIER_SMTP_URL is set, and no delivery (outbox only) when not. */
  mailer?: Mailer;
  /** Told when an export is ready to download (webhooks); must not throw. */
  onExportReady?: (userId: string, exportId: string) => Promise<void>;
}

export interface DataCommsMaintenanceReport extends RetentionReport {
  policyAnnouncements: number;
}

/**
 * The data & communications half of the privacy work: exports, outbox and delivery, usage analytics, the policy
 * version and its notices, and retention. Built once per app by createServices.
 */
export class DataComms {
  readonly exports: ExportService;
  readonly outbox: Outbox;
  readonly unsubscriber: Unsubscriber;
  readonly accountNotices: AccountNotices;
  readonly analytics: UsageAnalytics;
  readonly policy: PolicyService;
  /** Undefined without a mailer: messages then stay in the outbox for admins to read. */
  readonly delivery: OutboxDelivery | undefined;
  private readonly auditEvents: AuditRepository;

  constructor(private readonly deps: DataCommsDeps) {
    const { config, db, clock, blobs, queue, outbox, consents } = deps;
    const p = config.privacy;
    const exportRepo = new ExportRepository(db);
    this.exports = new ExportService(db, exportRepo, blobs, queue, outbox, clock, p);
    new ExportJob(exportRepo, deps.exportSources, blobs, this.exports, clock, deps.onExportReady).register(queue);

    const outboxRepo = new OutboxRepository(db);
    const tokens = new UnsubscribeTokens(deps.masterKey);
    const mailer = deps.mailer ?? (p.smtpUrl ? new SmtpMailer(p.smtpUrl) : undefined);
    this.delivery = mailer ? new OutboxDelivery(outboxRepo, mailer, consents, clock, { from: p.mailFrom, maxAttempts: p.mailMaxAttempts }) : undefined;
    this.outbox = new Outbox(outboxRepo, consents, tokens, clock, p, () => this.delivery?.kick());
    this.unsubscriber = new Unsubscriber(tokens, deps.users, consents, outboxRepo);
    this.accountNotices = new AccountNotices(this.outbox, clock, p.publicUrl, deps.users);

    this.analytics = new UsageAnalytics(new AnalyticsRepository(db), clock, { retentionDays: p.analyticsRetentionDays });
    this.policy = new PolicyService(new PolicyRepository(db), this.outbox, clock, p, deps.users);
    this.auditEvents = new AuditRepository(db);
  }

  /** Background work of a serving process: analytics flushes, and email delivery when workers run here. */
  start(runWorkers: boolean): void {
    this.analytics.start();
    if (runWorkers) this.delivery?.start();
  }

  async stop(): Promise<void> {
    await this.delivery?.stop();
    await this.analytics.stop();
  }

  /** Part of the daily maintenance: retention, and the one-time announcement of a material policy version. */
  async maintain(): Promise<DataCommsMaintenanceReport> {
    const retention = await applyRetention({
      auditEvents: this.auditEvents, jobs: this.deps.queue, exports: this.exports, outbox: this.outbox, analytics: this.analytics, clock: this.deps.clock,
      engineRuns: new EngineHealthRepository(this.deps.db),
      config: this.deps.config.privacy,
    });
    const policyAnnouncements = await this.policy.announce();
    return { ...retention, policyAnnouncements };
  }
}
