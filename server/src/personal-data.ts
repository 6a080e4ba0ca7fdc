import type { Db } from './db/database.js';
import { JobOutbox } from './db/job-outbox.js';
import type { PersonalData } from './lib/personal-data.js';
import { AlbumPersonalData } from './modules/albums/personal-data.js';
import { AlbumRepository } from './modules/albums/repository.js';
import { AssetPersonalData, UserBlobsPersonalData } from './modules/assets/personal-data.js';
import { AssetRepository } from './modules/assets/repository.js';
import { AccountPersonalData, SignInPersonalData } from './modules/auth/personal-data.js';
import { PendingSignupRepository } from './modules/auth/signup/pending-signup-repository.js';
import { AccountSecurityPersonalData } from './modules/auth/account-personal-data.js';
import { MfaRepository } from './modules/auth/mfa/repository.js';
import { AccountTokenRepository } from './modules/auth/recovery/account-token-repository.js';
import { InvitationRepository } from './modules/auth/signup/invitation-repository.js';
import { AuditRepository, SessionRepository, UserRepository } from './modules/auth/repository.js';
import { LinkedIdentityPersonalData } from './modules/auth/oidc/personal-data.js';
import { LinkedIdentityRepository } from './modules/auth/oidc/repository.js';
import { PasskeyPersonalData } from './modules/auth/passkeys/personal-data.js';
import { PasskeyRepository } from './modules/auth/passkeys/repository.js';
import { SignInChallenges } from './modules/auth/sign-in-challenges.js';
import { BillingPersonalData } from './modules/billing/personal-data.js';
import { BillingRepository } from './modules/billing/repository.js';
import { ModerationPersonalData } from './modules/moderation/personal-data.js';
import { ModerationRepository } from './modules/moderation/repository.js';
import { ReportPersonalData } from './modules/reports/personal-data.js';
import { ReportRepository } from './modules/reports/repository.js';
import { ProviderKeyPersonalData } from './modules/provider-keys/personal-data.js';
import { ProviderKeyRepository } from './modules/provider-keys/repository.js';
import { GenerationPersonalData } from './modules/generations/personal-data.js';
import { GenerationRepository } from './modules/generations/repository.js';
import { ConsentPersonalData, type ConsentSource } from './modules/privacy/consents/personal-data.js';
import { ConsentRepository } from './modules/privacy/consents/repository.js';
import { DeletionRequestPersonalData } from './modules/privacy/deletion/personal-data.js';
import { DeletionRepository } from './modules/privacy/deletion/repository.js';
import { ExportPersonalData } from './modules/privacy/export/personal-data.js';
import { ExportRepository } from './modules/privacy/export/repository.js';
import { OutboxPersonalData } from './modules/privacy/outbox/personal-data.js';
import { OutboxRepository } from './modules/privacy/outbox/repository.js';
import { PolicyPersonalData } from './modules/privacy/policy/personal-data.js';
import { PolicyRepository } from './modules/privacy/policy/repository.js';
import { SharePersonalData } from './modules/shares/personal-data.js';
import { ShareRepository } from './modules/shares/repository.js';
import { SupportPersonalData } from './modules/support/personal-data.js';
import { SupportRepository } from './modules/support/repository.js';
import { PromptSnippetPersonalData } from './modules/prompts/personal-data.js';
import { PromptSnippetRepository } from './modules/prompts/repository.js';
import { ApiTokenPersonalData } from './modules/tokens/personal-data.js';
import { ApiTokenRepository } from './modules/tokens/repository.js';
import { BatchPersonalData } from './modules/batches/personal-data.js';
import { BatchRepository } from './modules/batches/repository.js';
import { WorkflowPersonalData } from './modules/workflows/personal-data.js';
import { WorkflowRepository } from './modules/workflows/repository.js';
import { WebhookPersonalData } from './modules/webhooks/personal-data.js';
import { WebhookRepository } from './modules/webhooks/repository.js';
import { systemClock } from './lib/clock.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';
import type { Keyring } from './storage/keyring.js';

export interface PersonalDataDeps {
  db: Db;
  keyring: Pick<Keyring, 'destroy'>;
  blobs: Pick<BlobStore, 'delete' | 'deletePrefix'>;
  queue: Pick<JobQueue, 'cancelSubject' | 'eraseUser'>;
  /** The jobs not yet handed to the queue (made over `db` when not given). */
  jobOutbox?: Pick<JobOutbox, 'eraseUser'>;
  /** The consent view of the export; absent for a copy that is only erased (a backup). */
  consents?: ConsentSource;
  /** The payment provider, told to end a person's subscription and forget them (absent: no payments). */
  payments?: { forget(userId: string): Promise<void> };
  /** Stores outside this database that hold the person too (the backups in the backup folder). */
  elsewhere?: readonly PersonalData[];
}

export interface PersonalDataSources {
  /** What goes into the person's export, in the archive's order. */
  exportOrder: readonly PersonalData[];
  /** Every module's data of the person, in the order the account purge erases it. */
  erasureOrder: readonly PersonalData[];
  /** The person's jobs, not yet handed over and in the queue (also one of erasureOrder). */
  jobs: PersonalData;
}

/** Every module that holds data of a person, each reading and deleting only its own tables. */
export function personalDataSources(d: PersonalDataDeps): PersonalDataSources {
  const policy = new PolicyPersonalData(new PolicyRepository(d.db));
  const account = new AccountPersonalData(new UserRepository(d.db), policy, new PendingSignupRepository(d.db));
  const signIns = new SignInPersonalData(new SessionRepository(d.db), new AuditRepository(d.db));
  const passkeys = new PasskeyPersonalData(new PasskeyRepository(d.db), new SignInChallenges(d.db, systemClock));
  const linkedIdentities = new LinkedIdentityPersonalData(new LinkedIdentityRepository(d.db));
  const accountSecurity = new AccountSecurityPersonalData(new AccountTokenRepository(d.db), new MfaRepository(d.db), new InvitationRepository(d.db));
  const consents = new ConsentPersonalData(new ConsentRepository(d.db), d.consents);
  const apiTokens = new ApiTokenPersonalData(new ApiTokenRepository(d.db));
  const batches = new BatchPersonalData(d.db, new BatchRepository(d.db));
  const workflows = new WorkflowPersonalData(new WorkflowRepository(d.db));
  const webhooks = new WebhookPersonalData(new WebhookRepository(d.db));
  const generations = new GenerationPersonalData(new GenerationRepository(d.db));
  const albums = new AlbumPersonalData(new AlbumRepository(d.db));
  const shares = new SharePersonalData(new ShareRepository(d.db));
  const support = new SupportPersonalData(new SupportRepository(d.db));
  const snippets = new PromptSnippetPersonalData(new PromptSnippetRepository(d.db));
  const assets = new AssetPersonalData(new AssetRepository(d.db), albums);
  const billing = new BillingPersonalData(new BillingRepository(d.db), d.payments);
  const moderation = new ModerationPersonalData(new ModerationRepository(d.db));
  const reports = new ReportPersonalData(new ReportRepository(d.db));
  const providerKeys = new ProviderKeyPersonalData(new ProviderKeyRepository(d.db));
  const userKey: PersonalData = { tables: ['user_keys'], eraseFor: async (userId) => void (await d.keyring.destroy(userId)) };
  const jobOutbox = d.jobOutbox ?? new JobOutbox(d.db, systemClock);
  // The outbox first, so that no job of the person reaches the queue after the queue forgot them.
  const jobs: PersonalData = {
    tables: ['job_outbox', 'jobs', 'queue_state'],
    eraseFor: async (userId) => {
      await jobOutbox.eraseUser(userId);
      await d.queue.eraseUser(userId);
    },
  };
  const exports = new ExportPersonalData(new ExportRepository(d.db), d.blobs, d.queue);
  const emails = new OutboxPersonalData(new OutboxRepository(d.db));
  const deletionRequest = new DeletionRequestPersonalData(new DeletionRepository(d.db));
  return {
    jobs,
    exportOrder: [
      account, consents, signIns, passkeys, linkedIdentities, accountSecurity, apiTokens, webhooks, providerKeys, billing, moderation, reports, batches, workflows, generations,
      snippets, albums, shares, support, emails, exports, deletionRequest, assets,
    ],
    erasureOrder: [
      // The data key first (crypto-shredding): from then on every copy of the person's blobs, in backups too, is unreadable.
      userKey,
      exports,
      emails,
      ...(d.elsewhere ?? []),
      new UserBlobsPersonalData(d.blobs),
      apiTokens, webhooks, providerKeys, jobs, batches, workflows, generations, snippets, shares, support, albums, assets, consents, policy, signIns, passkeys, linkedIdentities, billing, accountSecurity, moderation, reports,
      // The users row after every row that refers to it, and the request last: until it goes, a purge cut short is resumed.
      account,
      deletionRequest,
    ],
  };
}
