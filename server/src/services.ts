import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type Db } from './db/database.js';
import { personalDataSources, type PersonalDataSources } from './personal-data.js';
import { createEngineRegistry } from './engines/configured.js';
import { EngineHealth } from './engines/health.js';
import type { ProviderRuntime } from './engines/provider/runtime.js';
import type { EngineRegistry } from './engines/registry.js';
import type { EventBus } from './events/event-bus.js';
import { InProcessEventBus } from './events/in-process-event-bus.js';
import { RedisEventBus } from './events/redis-event-bus.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { systemClock, type Clock } from './lib/clock.js';
import { AlbumService } from './modules/albums/service.js';
import { AlbumRepository } from './modules/albums/repository.js';
import { AssetRepository } from './modules/assets/repository.js';
import { AssetService } from './modules/assets/service.js';
import { EmptyTrash } from './modules/assets/empty-trash.js';
import { AuditRepository, SessionRepository, UserRepository } from './modules/auth/repository.js';
import type { AuthService } from './modules/auth/service.js';
import { Accounts } from './modules/auth/accounts.js';
import { LinkedIdentityRepository } from './modules/auth/oidc/repository.js';
import { OidcService } from './modules/auth/oidc/service.js';
import { PasskeyRepository } from './modules/auth/passkeys/repository.js';
import { PasskeyService, relyingPartyOf } from './modules/auth/passkeys/service.js';
import { AnonymousCeremonyLimit, SignInChallenges } from './modules/auth/sign-in-challenges.js';
import { BillingRepository } from './modules/billing/repository.js';
import { BillingService } from './modules/billing/service.js';
import { ModerationRepository } from './modules/moderation/repository.js';
import { ModerationService, type SuspensionPort } from './modules/moderation/service.js';
import { sharedImageClassifier, type ImageClassifier } from './modules/moderation/image-classifier.js';
import { UploadCheck } from './modules/assets/upload-check.js';
import { ImageReview } from './modules/moderation/image-review.js';
import { ProviderKeyRepository } from './modules/provider-keys/repository.js';
import { ProviderKeyService } from './modules/provider-keys/service.js';
import { allAdmissions } from './modules/generations/admission.js';
import { verifiedEmailCheck } from './modules/auth/verified-email.js';
import { StripeBilling, type PaymentNotices } from './modules/billing/stripe-billing.js';
import { createStripeClient, StripeGateway } from './modules/billing/stripe-gateway.js';
import { DatabaseBucketStore, type BucketStore } from './modules/limits/bucket-store.js';
import { RateLimits } from './modules/limits/rate-limits.js';
import { ReportRepository } from './modules/reports/repository.js';
import { ReportService, type AccountHistory } from './modules/reports/service.js';
import { RedisBucketStore } from './modules/limits/redis-bucket-store.js';
import { ConsentRepository } from './modules/privacy/consents/repository.js';
import { ConsentService } from './modules/privacy/consents/service.js';
import { DeletionRepository } from './modules/privacy/deletion/repository.js';
import { DeletionService } from './modules/privacy/deletion/service.js';
import { LiveStreams } from './events/live-streams.js';
import { AttemptLimiter } from './modules/auth/attempt-limiter.js';
import { ensurePrivateDir } from './storage/private-files.js';
import { TombstoneLog } from './modules/privacy/deletion/tombstone-log.js';
import { LocalBackupEraser } from './modules/privacy/backup/local-backup-eraser.js';
import { DataComms } from './modules/privacy/data-comms.js';
import { GenerationEvents } from './modules/generations/events.js';
import { GenerationRepository } from './modules/generations/repository.js';
import { GenerationService } from './modules/generations/service.js';
import { GenerationRunner } from './modules/generations/runner.js';
import { GenerationEndHooks, type EndHook } from './modules/generations/end-hooks.js';
import { scheduleOwedWork } from './schedule/owed-work.js';
import { ApiTokenRepository } from './modules/tokens/repository.js';
import { BatchRepository } from './modules/batches/repository.js';
import { BatchService } from './modules/batches/service.js';
import { WorkflowRepository } from './modules/workflows/repository.js';
import { WorkflowRunner } from './modules/workflows/runner.js';
import { WorkflowService } from './modules/workflows/service.js';
import { WebhookDeliverer } from './modules/webhooks/delivery.js';
import { WebhookRepository } from './modules/webhooks/repository.js';
import { SecretBox } from './storage/secret-box.js';
import { WebhookService } from './modules/webhooks/service.js';
import type { WebhookEvent } from './modules/webhooks/schemas.js';
import { ApiTokenService } from './modules/tokens/service.js';
import { JobOutbox } from './db/job-outbox.js';
import { SharePreviews } from './modules/shares/share-previews.js';
import { ShareRepository } from './modules/shares/repository.js';
import { SupportRepository } from './modules/support/repository.js';
import { PromptSnippetRepository } from './modules/prompts/repository.js';
import { PromptSnippetService } from './modules/prompts/service.js';
import { SupportService } from './modules/support/service.js';
import { ShareService } from './modules/shares/service.js';
import { ShareUnlocks } from './modules/shares/share-token.js';
import { ImageLinks } from './modules/compat/image-links.js';
import { BullmqJobQueue } from './queue/bullmq-queue.js';
import { EmbeddedJobQueue } from './queue/embedded-queue.js';
import { OutboxRelay } from './queue/outbox-relay.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';
import { createBlobStore } from './storage/create-blob-store.js';
import { Keyring } from './storage/keyring.js';
import { loadOrCreateMasterKey } from './storage/master-key.js';
import { KyselyUserKeyRepository } from './storage/user-key.repository.js';

/** Every collaborator of the app, built once from a Config. Routes and jobs receive what they need from here. */
export interface Services {
  config: Config;
  clock: Clock;
  db: Db;
  metrics: Metrics;
  keyring: Keyring;
  blobs: BlobStore;
  engines: EngineRegistry;
  engineHealth: EngineHealth;
  /** Live events across processes: Redis pub/sub when ATELIER_REDIS_URL is set, in-process otherwise. */
  bus: EventBus;
  events: GenerationEvents;
  /** Open SSE streams by person and session; ending a session closes its streams in every process. */
  liveStreams: LiveStreams;
  queue: JobQueue;
  /** Where modules write their jobs, in the commit of the job's subject (ADR 0009). */
  jobOutbox: JobOutbox;
  users: UserRepository;
  auth: AuthService;
  passkeys: PasskeyService;
  /** OpenID Connect sign-in; undefined unless ATELIER_OIDC_ISSUER is set. */
  oidc?: OidcService;
  /** Password reset, verification, sign-up policy, second factors, admin console (modules/auth/accounts.ts). */
  accounts: Accounts;
  /** Personal API tokens; `revokeAllFor(userId)` ends every token of a person. */
  tokens: ApiTokenService;
  assets: AssetService;
  /** The credential-free, expiring image URLs of the compatible endpoints' answers. */
  imageLinks: ImageLinks;
  albums: AlbumService;
  /** "Empty trash", finished by a job when the trash is large. */
  emptyTrash: EmptyTrash;
  shares: ShareService;
  /** "Contact the operator". */
  support: SupportService;
  /** Saved prompts and templates. */
  snippets: PromptSnippetService;
  consents: ConsentService;
  deletion: DeletionService;
  /** Every module's data of a person: what the export holds and what the account purge erases. */
  personalData: PersonalDataSources;
  /** Exports, outbox, usage analytics, policy notices, retention (privacy/data-comms.ts). */
  comms: DataComms;
  generations: GenerationService;
  /** A generation's end hooks, owed from its end until they ran: `sweep` runs those a dead process left. */
  endHooks: GenerationEndHooks;
  /** Batches of generations from an uploaded file. */
  batches: BatchService;
  /** Saved workflows and their runs. */
  workflows: WorkflowService;
  /** Signed webhooks of each person, delivered from the job queue. */
  webhooks: WebhookService;
  /** People's own provider keys (bring your own key). */
  providerKeys: ProviderKeyService;
  /** Plans, credits and quotas (off without ATELIER_PLANS_FILE). */
  billing: BillingService;
  /** Checkout, portal and webhook events; absent without ATELIER_STRIPE_SECRET_KEY. */
  stripe?: StripeBilling;
  /** Token buckets of the rate limits. */
  rateLimits: RateLimits;
  /** Guesses and floods (passwords, codes, reset emails, sign-in starts, share lookups) counted in the database. */
  attempts: AttemptLimiter;
  /** Reports of shared images and the admin review queue. */
  reports: ReportService;
  /** The image check of uploads, run by a job; absent while the check is off. */
  uploadChecks?: UploadCheck;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  onJobError?: (err: unknown) => void;
  /** Waits and randomness of the provider engines' retries (tests observe them without sleeping). */
  engineRuntime?: ProviderRuntime;
  /** Wraps the job queue (tests stop a process at a chosen point of a job's hand-over). */
  decorateQueue?: (queue: JobQueue) => JobQueue;
  /** The image check's classifier instead of nsfwjs (tests decide what it sees, and when it answers). */
  imageClassifier?: ImageClassifier;
}

export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const clock = opts.clock ?? systemClock;
  ensurePrivateDir(config.dataDir);
  const db = openDatabase(config);
  await migrateToLatest(db);

  const masterKey = loadOrCreateMasterKey({ dataDir: config.dataDir, envKey: config.masterKey });
  const keyring = new Keyring(masterKey, new KyselyUserKeyRepository(db));
  const blobs = createBlobStore(config, keyring);
  const engineHealth = new EngineHealth(db, clock, config.privacy.logRetentionDays);
  const engines = createEngineRegistry(config.engines, engineHealth, opts.engineRuntime);
  const bus = createEventBus(config);
  const events = new GenerationEvents(bus);
  const liveStreams = new LiveStreams(bus, config.maxStreamsPerUser);
  const metrics = createMetrics();
  const queue = createJobQueue(config, db, clock, opts.onJobError);

  const jobOutbox = new JobOutbox(db, clock);
  const relay = new OutboxRelay(jobOutbox, opts.decorateQueue?.(queue) ?? queue, clock,
    { sweepMs: 5_000, staleMs: 10_000, onError: opts.onJobError });

  const users = new UserRepository(db);
  const sessions = new SessionRepository(db);
  const consents = new ConsentService(new ConsentRepository(db), clock, config.privacy, users);
  // Declared below (comms emails through the outbox); a payment fails only once requests run.
  const stripe = createStripeBilling(config, db, clock, {
    paymentFailed: async (userId, purchase) => {
      const user = await users.findById(userId);
      if (user) await comms.accountNotices.paymentFailed({ userId, name: user.name, email: user.email }, purchase);
    },
  });
  const personalData = personalDataSources({
    db, keyring, blobs, queue, jobOutbox, consents, payments: stripe,
    elsewhere: [new LocalBackupEraser(config.privacy.backupDir, config.deployment.databaseUrl)],
  });
  // Webhooks are built after comms (they email through it); events that come earlier find them here.
  let webhooksLate: WebhookService | undefined;
  const notifyWebhooks = (userId: string, event: WebhookEvent, data: Record<string, unknown>, key?: string) =>
    (webhooksLate?.emit(userId, event, data, key) ?? Promise.resolve()).catch((err: unknown) => opts.onJobError?.(err));
  const comms = new DataComms({
    config, db, clock, blobs, queue, outbox: jobOutbox, masterKey, consents, users, exportSources: personalData.exportOrder,
    onExportReady: (userId, id) => notifyWebhooks(userId, 'export.ready', { id, status: 'ready' }),
  });
  const deletion = new DeletionService({
    db, repo: new DeletionRepository(db), users, sessions, personalData: personalData.erasureOrder, jobs: personalData.jobs,
    tombstones: new TombstoneLog(config.dataDir), clock, config, notices: comms.accountNotices, streams: liveStreams,
    onRequested: [
      // `tokens` is made just below; a deletion is asked for only once requests run.
      { deletionRequested: async (userId) => void (await tokens.revokeAllFor(userId)) },
      // Stripe unreachable: the deletion goes on, and the purge cancels the subscription again.
      { deletionRequested: (userId) => stripe?.cancelSubscription(userId).catch((err: unknown) => opts.onJobError?.(err)) ?? Promise.resolve() },
    ],
  });
  const attempts = new AttemptLimiter(db, clock, config.loginRateWindowMs);
  const tokens = new ApiTokenService(new ApiTokenRepository(db), clock, liveStreams);
  const bucketStore = createBucketStore(config, db);
  const rateLimits = new RateLimits(bucketStore, config.billing.rateLimits, clock);
  const assetRepo = new AssetRepository(db);
  // The asset service answers for storage; it is made just below (and asked only once requests run).
  const billing = new BillingService(new BillingRepository(db), config.billing.catalog, clock, { bytesUsed: (userId) => assets.bytesUsed(userId) },
    stripe !== undefined);
  // Suspends through the admin console's path; `accounts` is made below, and asked only once requests run.
  const suspensions: SuspensionPort = { suspendAccount: (userId, reason, by) => accounts.admin.suspendAccount(userId, reason, by) };
  const moderation = config.moderation && new ModerationService(db, new ModerationRepository(db), suspensions, config.moderation, clock);
  const imageReview = createImageReview(config, moderation, opts.imageClassifier);
  const uploadChecks = imageReview && new UploadCheck(assetRepo, blobs, jobOutbox, { review: (userId, image) => imageReview.review(userId, image, 'upload') });
  const assets = new AssetService(assetRepo, blobs, clock, config, {
    beforeUpload: async (userId) => {
      await rateLimits.take('upload', userId);
      await billing.checkUpload(userId);
    },
    check: uploadChecks,
  });
  const albums = new AlbumService(new AlbumRepository(db), new AssetRepository(db), clock);
  const generationRepo = new GenerationRepository(db);
  // What follows a generation's end (webhooks, workflow runs, batches), owed until it ran (ADR 0034); set below, once they exist.
  let endHook: EndHook = async () => {};
  const endHooks = new GenerationEndHooks(generationRepo, clock, (g, status) => endHook(g, status), opts.onJobError);
  const providerKeys = new ProviderKeyService(new ProviderKeyRepository(db), new SecretBox(keyring), engines, billing, clock,
    { allowPrivate: config.providerKeyAllowPrivate });
  const admission = allAdmissions(billing, providerKeys);
  const workflowRepo = new WorkflowRepository(db);
  const generations = new GenerationService(db, generationRepo, assets, engines, queue, jobOutbox, events, clock, users, comms.analytics,
    {
      creators: verifiedEmailCheck(users, config.accounts), admission, limits: rateLimits, moderation, ownKeys: providerKeys,
      // The runner is made below (it needs this service); a cancel before then has no run to tell.
      runs: { runsOf: (ids) => workflowRepo.runsOf(ids) },
      onEnded: (g, status) => endHooks.run(g, status),
    });
  const accounts = new Accounts({
    config, db, clock, keyring, users, sessions, pendingDeletion: deletion, notices: comms.accountNotices,
    signIn: { attempts, streams: liveStreams },
    admin: {
      cancelWork: (userId) => generations.cancelAllFor(userId), deleteOnRequest: (userId) => deletion.deleteOnRequest(userId),
      closeStreams: (userId) => liveStreams.closeAllForUser(userId),
      planOf: (account) => billing.planShownFor(account),
    },
  });
  const auth = accounts.auth;
  // A password reset or a suspension signs the person out of their API tokens too.
  auth.addCredentialRevoker((userId) => tokens.revokeAllFor(userId));
  const challenges = new SignInChallenges(db, clock);
  const anonymousStarts = new AnonymousCeremonyLimit(attempts);
  const passkeys = new PasskeyService(new PasskeyRepository(db), challenges, users, auth, clock, relyingPartyOf(config.privacy.publicUrl),
    anonymousStarts);
  const { oidc: oidcConfig } = config.signIn;
  const oidc = oidcConfig
    ? new OidcService(oidcConfig, config.privacy.publicUrl, challenges, users, new LinkedIdentityRepository(db), auth, clock, anonymousStarts, comms.policy)
    : undefined;
  const shares = new ShareService({
    repo: new ShareRepository(db), previews: new SharePreviews(db), assets, albums, generations, unlocks: new ShareUnlocks(masterKey), clock, publicUrl: config.privacy.publicUrl,
  });
  const imageLinks = new ImageLinks(masterKey, { assets, users, clock });
  const reports = new ReportService({
    repo: new ReportRepository(db), shares, assets, users, admin: accounts.admin, outbox: comms.outbox, limits: rateLimits, clock,
    history: accountHistory(db), retentionDays: config.privacy.reportRetentionDays,
  });
  const support = new SupportService(new SupportRepository(db), users, assets, comms.outbox, clock, config.privacy, rateLimits);
  const snippets = new PromptSnippetService(new PromptSnippetRepository(db), clock);
  const workflows = new WorkflowService(db, workflowRepo, generations, assets, jobOutbox, queue, clock);
  const batches = new BatchService(db, new BatchRepository(db), generations, assets, clock, workflows,
    { affordAll: (userId, requests) => billing.affordAll(userId, requests), maxConcurrentJobs: (userId) => billing.maxConcurrentJobs(userId), users },
    (userId, batch) => notifyWebhooks(userId, 'batch.completed', batch, `batch:${batch.id}`));
  const webhookRepo = new WebhookRepository(db);
  const secretBox = new SecretBox(keyring);
  const webhooks = new WebhookService(db, webhookRepo, secretBox, jobOutbox, clock, config.webhookAllowPrivate);
  webhooksLate = webhooks;
  new WebhookDeliverer({
    repo: webhookRepo, box: secretBox, clock, allowPrivate: config.webhookAllowPrivate,
    notifyDisabled: async (userId, url) => {
      const user = await users.findById(userId);
      if (user) await comms.accountNotices.webhookDisabled({ userId, name: user.name, email: user.email }, url);
    },
  }).register(queue);
  // Keyed by the batch: announced once however often its last row's end is told.
  const announceBatchEnd = async (userId: string, subject: { generationId: string } | { workflowRunId: string }) => {
    const batch = await batches.rowEnded(subject);
    if (batch) await webhooks.emit(userId, 'batch.completed', batch, `batch:${batch.id}`);
  };
  const runs = new WorkflowRunner(db, workflowRepo, workflows, generations, albums, jobOutbox, clock,
    (run) => announceBatchEnd(run.user_id, { workflowRunId: run.id }).catch((err: unknown) => void opts.onJobError?.(err)));
  runs.register(queue);
  // Each part is safe to run twice (a delivery per key, a conditional step advance, a batch announced once by key).
  endHook = async (g, status) => {
    if (status !== 'canceled') await webhooks.emit(g.user_id, `generation.${status}`, { id: g.id, status }, `generation:${g.id}`);
    await runs.generationEnded(g.id);
    await announceBatchEnd(g.user_id, { generationId: g.id });
    // A slot of the person's plan is free: rows waiting in their batches may go.
    await batches.feed(g.user_id);
  };
  const runner = new GenerationRunner(generationRepo, assets, engines, events, clock, metrics, {
    admission, onInternalError: opts.onJobError, ownKeys: providerKeys, outputReview: imageReview,
    onEnded: (g, status) => endHooks.run(g, status),
  });
  runner.register(queue);
  const emptyTrash = new EmptyTrash(db, jobOutbox, assets, clock);
  emptyTrash.register(queue);
  uploadChecks?.register(queue);

  relay.start();
  if (config.runWorkers && config.workerConcurrency > 0) queue.start(config.workerConcurrency);
  comms.start(config.runWorkers);
  const owedWork = config.runWorkers ? scheduleOwedWork([() => endHooks.sweep(), () => batches.feedAll()], (err) => opts.onJobError?.(err)) : undefined;

  return {
    config, clock, db, metrics, keyring, blobs, engines, engineHealth, bus, events, liveStreams, queue, jobOutbox, users, auth, accounts, passkeys, oidc, tokens, assets, imageLinks, albums, emptyTrash, shares, support, snippets, generations, endHooks, batches, workflows, webhooks,
    billing, providerKeys, stripe, rateLimits, attempts, reports, consents, deletion, comms, personalData, uploadChecks,
    async close() {
      await accounts.background.idle();
      await owedWork?.stop();
      await relay.stop();
      await queue.stop();
      await comms.stop();
      await engines.close();
      await bucketStore.close?.();
      await bus.close();
      await db.destroy();
    },
  };
}

/** The image check when the moderation file turns it on: nsfwjs in a thread of its own, its model loading from the start. */
function createImageReview(config: Config, moderation: ModerationService | undefined, given?: ImageClassifier): ImageReview | undefined {
  if (!moderation || !config.moderation?.images.enabled) return undefined;
  const classifier = given ?? warmedClassifier();
  return new ImageReview(classifier, config.moderation.images, (userId, category) => moderation.recordRefusal(userId, category));
}

function warmedClassifier(): ImageClassifier {
  const classifier = sharedImageClassifier();
  classifier.warm();
  return classifier;
}

/** BullMQ on Redis when ATELIER_REDIS_URL is set; else the queue in the application database. */
function createJobQueue(config: Config, db: Db, clock: Clock, onError?: (err: unknown) => void): JobQueue {
  const settings = { leaseMs: config.jobLeaseMs, maxAttempts: config.jobMaxAttempts, onError };
  const { redisUrl, redisPrefix } = config.deployment;
  return redisUrl ? new BullmqJobQueue({ redisUrl, prefix: redisPrefix, ...settings }) : new EmbeddedJobQueue(db, clock, settings);
}

/** Stripe when ATELIER_STRIPE_SECRET_KEY is set (the config checks that a plans file is too). */
function createStripeBilling(config: Config, db: Db, clock: Clock, notices: PaymentNotices): StripeBilling | undefined {
  const { stripe, catalog } = config.billing;
  if (!stripe || !catalog) return undefined;
  const gateway = new StripeGateway(createStripeClient(stripe), stripe.webhookSecret);
  return new StripeBilling(db, new BillingRepository(db), catalog, gateway, clock, `${config.privacy.publicUrl}/settings`, notices);
}

/** Rate-limit buckets in Redis when the deployment has one (shared by every API process); else in the database. */
/** What the review queue shows of an account's past: the moderation module's refusal count, the security log's suspensions. */
function accountHistory(db: Db): AccountHistory {
  const refusals = new ModerationRepository(db);
  const audit = new AuditRepository(db);
  return {
    refusals: async (userId) => {
      const row = await refusals.find(userId);
      return { count: Number(row?.refusals ?? 0), lastCategory: row?.last_category ?? null };
    },
    suspensions: (userId) => audit.countOfType(userId, 'account.suspended'),
  };
}

function createBucketStore({ deployment }: Config, db: Db): BucketStore {
  return deployment.redisUrl ? new RedisBucketStore(deployment.redisUrl, deployment.redisPrefix) : new DatabaseBucketStore(db);
}

/** Redis pub/sub when ATELIER_REDIS_URL is set, so every API process hears every worker; else in-process. */
function createEventBus({ deployment }: Config): EventBus {
  if (!deployment.redisUrl) return new InProcessEventBus();
  return new RedisEventBus({
    url: deployment.redisUrl,
    prefix: `${deployment.redisPrefix}:events:`,
    onError: (err) => console.error('event bus:', err),
  });
}
