import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Language } from '../lib/language.js';

/** Times are epoch milliseconds; JSON columns hold serialised text. */

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'user';
  /** 'pending_deletion': the person asked to delete the account; signed out until they log in again (cancels). */
  status: 'active' | 'disabled' | 'pending_deletion' | 'suspended';
  /** Preference: embed the prompt in generated images' XMP metadata. */
  embed_prompt: Generated<number>;
  /** Preference: default for the engine watermark flag. */
  watermark_default: Generated<number>;
  created_at: number;
  updated_at: number;
  /** When the person proved the current address theirs (null: not yet, or changed since). */
  email_verified_at: number | null;
  /** Why an administrator suspended the account (status 'suspended'); shown to the person at login. */
  suspension_reason: string | null;
  /** The language the person chose (lib/language): the studio's, their emails' and their API errors'. */
  language: Generated<Language>;
}

export interface UserKeysTable {
  user_id: string;
  /** The user's data key, wrapped (AES-256-GCM) by the master key. */
  wrapped_key: Buffer;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the session token; the token itself is only ever in the cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export type GenerationStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'canceled';

export interface GenerationsTable {
  id: string;
  user_id: string;
  mode: 'generate' | 'edit';
  prompt: string;
  /** JSON: normalised request parameters (size, width, height, seed, count, style, watermark, references, operations...). */
  params: string;
  engine: string;
  model: string | null;
  status: GenerationStatus;
  /** JSON {code, message} when the whole generation failed. */
  error: string | null;
  parent_asset_id: string | null;
  progress: Generated<number>;
  /** JSON usage reported by the engine. */
  usage: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** 1 from the commit that ends it until its end hooks ran (migration 0028): a sweep runs those a crash left owed. */
  end_hooks_due: Generated<number>;
}

export interface GenerationOutputsTable {
  generation_id: string;
  idx: number;
  asset_id: string | null;
  error_code: string | null;
  error_message: string | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'canceled';

export interface JobsTable {
  id: string;
  kind: string;
  /** The object the job works on (a generation id for kind 'generation'). */
  subject_id: string;
  user_id: string;
  status: JobStatus;
  /** Weighted-fair-queuing virtual finish time: lower runs first. */
  fair_key: number;
  cost: number;
  attempts: Generated<number>;
  max_attempts: number;
  worker_id: string | null;
  lease_until: number | null;
  run_after: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** A job written in its subject's commit, waiting for the relay to hand it to the queue (db/job-outbox.ts). */
export interface JobOutboxTable {
  id: string;
  kind: string;
  subject_id: string;
  user_id: string;
  cost: number;
  max_attempts: number | null;
  created_at: number;
}

export interface QueueStateTable {
  /** A user id, or '' for the global virtual clock. */
  user_id: string;
  last_key: number;
}

export interface AssetsTable {
  id: string;
  user_id: string;
  /** 'mask': an inpainting mask painted in the studio, kept out of the gallery (still the person's, exported, erased). */
  kind: 'upload' | 'generated' | 'edited' | 'mask';
  parent_id: string | null;
  generation_id: string | null;
  output_index: number | null;
  blob_key: string;
  thumb_key: string | null;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  /** Copy of the generation prompt (or upload file name) for gallery search. */
  search_text: string;
  /** JSON: file name, engine, seed, style, ... */
  metadata: string;
  favorite: Generated<number>;
  /** 1: "never use for training", even while the person's training consent is on. */
  never_train: Generated<number>;
  /** 1: an upload the image check has not looked at yet (migration 0030); its owner's only, usable once checked. */
  checking: Generated<number>;
  deleted_at: number | null;
  created_at: number;
}

export interface AssetTagsTable {
  asset_id: string;
  user_id: string;
  tag: string;
  /** The asset's created_at (it never changes), so a tag's gallery page walks an index in gallery order. */
  created_at: number;
}

/** How many images a person has per kind, trash state and favourite (kept by triggers, migration 0017). */
export interface AssetCountsTable {
  user_id: string;
  kind: string;
  trashed: number;
  favorite: number;
  n: number;
}

/** How many generations a person has per mode, status and engine (kept by triggers, migration 0017). */
export interface GenerationCountsTable {
  user_id: string;
  mode: string;
  status: string;
  engine: string;
  n: number;
}

/** "Contact the operator" (modules/support): kept for ATELIER_SUPPORT_RETENTION_DAYS, erased with the account. */
export interface SupportMessagesTable {
  id: string;
  user_id: string;
  /** The person's email when they wrote (where the operator answers). */
  reply_to: string;
  subject: string;
  message: string;
  /** An image of theirs the message is about, if any. */
  asset_id: string | null;
  created_at: number;
}

/** A person's saved prompt or template; `{{name}}` marks a variable filled in when it is used. */
export interface PromptSnippetsTable {
  id: string;
  user_id: string;
  name: string;
  text: string;
  created_at: number;
  updated_at: number;
}

export type ShareTargetKind = 'asset' | 'generation' | 'album';

/** A share link (modules/shares). The token itself is only ever in the link; `token_hash` is its sha256. */
export interface SharesTable {
  id: string;
  user_id: string;
  token_hash: string;
  target_kind: ShareTargetKind;
  target_id: string;
  allow_download: number;
  include_prompt: number;
  /** argon2id, like account passwords; null when the link needs no password. */
  password_hash: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  view_count: Generated<number>;
  created_at: number;
}

export interface AlbumsTable {
  id: string;
  user_id: string;
  name: string;
  description: string;
  /** 1: none of the album's images is ever used for training, whatever the person's consent. */
  never_train: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface AlbumAssetsTable {
  album_id: string;
  asset_id: string;
  added_at: number;
  /** The asset's created_at (it never changes), so an album's gallery page walks an index in gallery order. */
  created_at: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  user_id: string | null;
  /** e.g. 'auth.login', 'auth.login_failed', 'auth.password_changed' */
  type: string;
  /** Truncated IP (IPv4 /24, IPv6 /48). */
  ip: string | null;
  detail: string | null;
  created_at: number;
}

export type ConsentPurpose = 'training' | 'product_emails' | 'analytics';

/** Consent history: rows are only ever added; the latest row per (user, purpose) is the current choice. */
export interface ConsentsTable {
  id: Generated<number>;
  user_id: string;
  purpose: ConsentPurpose;
  granted: number;
  policy_version: string | null;
  created_at: number;
}

export interface DeletionRequestsTable {
  user_id: string;
  /** 'pending' until the purge claims it ('purging'); a login can cancel only a pending request. */
  state: 'pending' | 'purging';
  requested_at: number;
  purge_at: number;
}

/** What is left of a purged account: its id and the date, so a restore of an older backup can replay it. */
export interface DeletionTombstonesTable {
  user_id: string;
  deleted_at: number;
}

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed' | 'expired';

/** A personal data export (zip in the BlobStore under the owner's key). */
export interface ExportsTable {
  id: string;
  user_id: string;
  status: ExportStatus;
  blob_key: string | null;
  /** Size of the zip once ready. */
  bytes: number | null;
  error: string | null;
  created_at: number;
  ready_at: number | null;
  expires_at: number | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

/** One email to one person; kept until delivered (or, without SMTP, for admins to read), then for log retention. */
export interface OutboxTable {
  id: string;
  /** Null for a message to an address that has no account yet (the link of an email-first sign-up). */
  user_id: string | null;
  to_address: string;
  /** Message type from the catalogue in privacy/outbox/message-types.ts. */
  type: string;
  /** 1: essential (security, account, policy change): sent whatever the person's email choices. */
  essential: number;
  subject: string;
  text_body: string;
  /** JSON object of extra headers (List-Unsubscribe...). */
  headers: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  /** Set for messages that must go out once only (e.g. one policy announcement per version and person). */
  dedupe_key: string | null;
  created_at: number;
  sent_at: number | null;
}

/** Daily usage counts; no user identifier. `dimension` is feature, engine, style, size, mode or visitors. */
export interface AnalyticsDailyTable {
  day: string;
  dimension: string;
  value: string;
  count: number;
}

/** The salt of one day's visitor hashes; deleted (with the hashes) once the day is over. */
export interface AnalyticsSaltsTable {
  day: string;
  salt: Buffer;
  created_at: number;
}

export interface AnalyticsVisitorsTable {
  day: string;
  /** HMAC(day's salt, client address + browser): unlinkable once the salt is gone. */
  hash: string;
}

export interface PolicyAcknowledgementsTable {
  user_id: string;
  version: string;
  acknowledged_at: number;
}

/** Which material policy versions were announced by email (once per version). */
export interface PolicyAnnouncementsTable {
  version: string;
  announced_at: number;
  recipients: number;
}

/** A scheduled task's claim of one slot: whoever inserted the row runs it (see schedule/schedule-runs.ts). */
export interface ScheduleRunsTable {
  name: string;
  /** Which occurrence, e.g. the UTC day `2026-07-01` of a daily task. */
  slot: string;
  started_at: number;
  finished_at: number | null;
}

/** A password check reserved in a rate-limit bucket (see modules/auth/attempt-limiter.ts). */
export interface AuthAttemptsTable {
  id: string;
  /** SHA-256 hex of the bucket's key (which names an account and client): no email or address in clear. */
  bucket: string;
  at: number;
}

/** A personal API token (modules/tokens): the secret itself is shown once and never stored. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** sha256 (hex) of the whole secret. */
  token_hash: string;
  /** The start of the secret (`atl_` and a few characters), so the person can tell their tokens apart. */
  prefix: string;
  /** Space-separated scopes granted: images, library, account:read. */
  scopes: string;
  created_at: number;
  /** Updated at most once a minute. */
  last_used_at: number | null;
  /** Null: never expires. */
  expires_at: number | null;
}

export type ApiToken = Selectable<ApiTokensTable>;

/** A batch of generations made from one uploaded CSV or JSONL file (modules/batches). */
export interface BatchesTable {
  id: string;
  user_id: string;
  /** The uploaded file's name, as sent. */
  file_name: string;
  row_count: number;
  created_at: number;
  canceled_at: number | null;
  /** When every row had ended (not set for a canceled batch); set once, so batch.completed goes out once. */
  completed_at: number | null;
}

/** One row of a batch's file: the generation it became, or the workflow run when the row names a workflow. */
export interface BatchRowsTable {
  batch_id: string;
  /** 1-based position among the file's rows. */
  row_number: number;
  /** The line of the file the row starts on. */
  line: number;
  generation_id: string | null;
  workflow_run_id: string | null;
  /** JSON: the row's fields, kept until it is released (migration 0029). */
  input: string | null;
  /** When the row went into the queue (or was refused then); null while it waits in its batch. */
  released_at: number | null;
  /** JSON {code, message}: what refused the row at its release. */
  error: string | null;
}

/** A saved workflow (modules/workflows): ordered steps with `{{variables}}`, as JSON. */
export interface WorkflowsTable {
  id: string;
  user_id: string;
  name: string;
  /** JSON: the steps (modules/workflows/steps.ts). */
  steps: string;
  /** JSON: the declared variables. */
  variables: string;
  created_at: number;
  updated_at: number;
}

export type WorkflowRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

/** One run of a workflow: a snapshot of the steps with the inputs put in, and where it stands. */
export interface WorkflowRunsTable {
  id: string;
  user_id: string;
  /** Null once the workflow is deleted (the run keeps its snapshot). */
  workflow_id: string | null;
  name: string;
  /** JSON: the steps as run, variables replaced by the inputs. */
  steps: string;
  /** JSON: the inputs given. */
  inputs: string;
  status: WorkflowRunStatus;
  /** The step to run next (the one running while it waits for its generation). */
  current_step: number;
  progress: number;
  /** JSON {code, message, step} when it failed. */
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** A step of a run once started: the generation it queued (if any) and the images it produced. */
export interface WorkflowRunStepsTable {
  run_id: string;
  idx: number;
  generation_id: string | null;
  /** JSON array of asset ids. */
  asset_ids: string;
  status: 'running' | 'succeeded' | 'failed' | 'canceled';
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A person's webhook (modules/webhooks). */
export interface WebhooksTable {
  id: string;
  user_id: string;
  url: string;
  /** Space-separated event names. */
  events: string;
  /** The signing secret, sealed with the owner's data key. */
  secret: string;
  enabled: number;
  consecutive_failures: number;
  created_at: number;
  disabled_at: number | null;
}

/** One event sent (or being sent) to a webhook. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  user_id: string;
  event: string;
  /** The JSON body sent. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  response_code: number | null;
  last_error: string | null;
  created_at: number;
  last_attempt_at: number | null;
  /** Names the event for an event that may be sent twice (`generation.succeeded:<id>`): unique per webhook. */
  event_key: string | null;
  /** When a failed delivery is tried again (its backoff); null once delivered or given up. */
  next_attempt_at: number | null;
}

export type Webhook = Selectable<WebhooksTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type Batch = Selectable<BatchesTable>;
export type BatchRow = Selectable<BatchRowsTable>;
export type Workflow = Selectable<WorkflowsTable>;
export type WorkflowRun = Selectable<WorkflowRunsTable>;
export type WorkflowRunStep = Selectable<WorkflowRunStepsTable>;

export type EngineRunOutcome = 'ok' | 'error' | 'refused';

/** One call to a model provider (engine health: last success, last error, error rate). Never a key or a prompt. */
export interface EngineRunsTable {
  id: Generated<number>;
  engine: string;
  model: string;
  /** 'refused': the provider's safety check refused the content (not an engine fault). */
  outcome: EngineRunOutcome;
  http_status: number | null;
  code: string | null;
  detail: string | null;
  duration_ms: number;
  created_at: number;
}

/** A person's passkey (WebAuthn credential); the public key is not secret, the private key never leaves the authenticator. */
export interface PasskeysTable {
  id: string;
  user_id: string;
  /** base64url of the authenticator's credential id. */
  credential_id: string;
  public_key: Buffer;
  /** The authenticator's signature counter (0 for most passkeys, which do not count). */
  counter: number;
  /** JSON array of the transports the authenticator named (internal, usb, hybrid …). */
  transports: string;
  /** 1 when the passkey is synced (backed up) by its provider. */
  backed_up: number;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

/** An OpenID Connect account (issuer + subject) linked to an Atelier account by a verified email. */
export interface LinkedIdentitiesTable {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  /** The verified email the provider gave when the identity was linked. */
  email: string;
  created_at: number;
  last_used_at: number | null;
}

/** A challenge of a passkey ceremony or the state of an OpenID Connect sign-in: single use, minutes long. */
export interface SignInChallengesTable {
  id: string;
  purpose: 'passkey_register' | 'passkey_login' | 'oidc';
  user_id: string | null;
  data: string;
  expires_at: number;
}

export type AccountTokenPurpose = 'password_reset' | 'verify_email';

/** A single-use link sent by email; only the sha256 of the token is kept. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  /** The address it was sent to: a verification is for that address only. */
  email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A single-use sign-up link made by an administrator (`user_id`). */
export interface InvitationsTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** When set, only this address may use it. */
  email: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

/** A TOTP second factor (RFC 6238); the secret is sealed with the user's data key. On once confirmed. */
export interface MfaTotpTable {
  user_id: string;
  secret: Buffer;
  confirmed_at: number | null;
  /** The last time step accepted: a code is never accepted twice. */
  last_counter: Generated<number>;
  created_at: number;
}

export interface MfaRecoveryCodesTable {
  /** sha256 of the user id and the code. */
  id: string;
  user_id: string;
  created_at: number;
  used_at: number | null;
}

/** A login whose password was right and whose second factor is awaited (bound to an httpOnly cookie). */
export interface MfaChallengesTable {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  /** The first factor the second one completes ('password', 'oidc'): recorded with the login. */
  method: Generated<string>;
}

/** A sign-up waiting for its emailed link to be followed (ADR 0026); no account exists until then. */
export interface PendingSignupsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  expires_at: number;
  /** The language of the sign-up form (lib/language): its email's and the account's. */
  language: Language;
}

export interface BillingAccountsTable {
  user_id: string;
  /** null: the plan catalogue's default plan. */
  plan_id: string | null;
  /** Monthly credit cycles start on this instant (epoch ms). */
  cycle_anchor: number;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  subscription_status: string | null;
  renews_at: number | null;
  /** Creation time of the newest Stripe event applied to the subscription. */
  subscription_event_at: number | null;
  created_at: number;
}

export type CreditEntryKind = 'grant' | 'reserve' | 'refund' | 'adjust' | 'purchase';

/** Append-only: a balance is the sum of a person's rows. */
export interface CreditLedgerTable {
  id: string;
  user_id: string;
  kind: CreditEntryKind;
  /** Credits added (positive) or taken (negative). */
  amount: number;
  generation_id: string | null;
  /** Why an administrator adjusted the balance, or what was bought. */
  reason: string | null;
  /** Unique when set: an entry that must be written once (a cycle's grant, a refund, a payment). */
  entry_key: string | null;
  created_at: number;
}

/** Stripe events already applied (each event id once). */
export interface StripeEventsTable {
  id: string;
  type: string;
  applied_at: number;
}

/** Token buckets of the rate limits, under a hash of what they limit. */
export interface RateLimitBucketsTable {
  key: string;
  tokens: number;
  updated_at: number;
}

export interface Database {
  users: UsersTable;
  user_keys: UserKeysTable;
  sessions: SessionsTable;
  generations: GenerationsTable;
  generation_outputs: GenerationOutputsTable;
  jobs: JobsTable;
  queue_state: QueueStateTable;
  job_outbox: JobOutboxTable;
  assets: AssetsTable;
  asset_tags: AssetTagsTable;
  albums: AlbumsTable;
  album_assets: AlbumAssetsTable;
  shares: SharesTable;
  support_messages: SupportMessagesTable;
  prompt_snippets: PromptSnippetsTable;
  asset_counts: AssetCountsTable;
  generation_counts: GenerationCountsTable;
  audit_events: AuditEventsTable;
  engine_runs: EngineRunsTable;
  consents: ConsentsTable;
  deletion_requests: DeletionRequestsTable;
  deletion_tombstones: DeletionTombstonesTable;
  exports: ExportsTable;
  outbox: OutboxTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_salts: AnalyticsSaltsTable;
  analytics_visitors: AnalyticsVisitorsTable;
  policy_acknowledgements: PolicyAcknowledgementsTable;
  policy_announcements: PolicyAnnouncementsTable;
  schedule_runs: ScheduleRunsTable;
  auth_attempts: AuthAttemptsTable;
  passkeys: PasskeysTable;
  linked_identities: LinkedIdentitiesTable;
  sign_in_challenges: SignInChallengesTable;
  account_tokens: AccountTokensTable;
  invitations: InvitationsTable;
  mfa_totp: MfaTotpTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  pending_signups: PendingSignupsTable;
  api_tokens: ApiTokensTable;
  batches: BatchesTable;
  batch_rows: BatchRowsTable;
  workflows: WorkflowsTable;
  workflow_runs: WorkflowRunsTable;
  workflow_run_steps: WorkflowRunStepsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  billing_accounts: BillingAccountsTable;
  credit_ledger: CreditLedgerTable;
  stripe_events: StripeEventsTable;
  rate_limit_buckets: RateLimitBucketsTable;
  moderation_refusals: ModerationRefusalsTable;
  content_reports: ContentReportsTable;
  provider_keys: ProviderKeysTable;
  provider_key_spend: ProviderKeySpendTable;
}

/** A person's own provider key: sealed with their data key, shown only as its last characters. */
export interface ProviderKeysTable {
  id: string;
  user_id: string;
  provider: 'seedream' | 'openai';
  /** SecretBox of the key (AES-256-GCM under the person's data key, their id as AAD). */
  sealed_key: string;
  key_suffix: string;
  /** An OpenAI-compatible server of the person's choosing; null: the server's configured one. */
  base_url: string | null;
  /** Images per calendar month (UTC) at most; null: no cap. */
  monthly_image_cap: number | null;
  created_at: number;
}

/** The images one generation asked of a person's key (the images it made, once it ended), by month 'YYYY-MM'. */
export interface ProviderKeySpendTable {
  generation_id: string;
  key_id: string;
  user_id: string;
  month: string;
  images: number;
}

/** Prompts the moderation policy refused, counted per person; never the prompt itself. */
export interface ModerationRefusalsTable {
  user_id: string;
  refusals: number;
  last_category: string;
  last_refused_at: number;
  /** When the count reached the configured threshold and the account was suspended (status "suspended", lifted by an admin). */
  suspended_at: number | null;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Generation = Selectable<GenerationsTable>;
export type GenerationOutput = Selectable<GenerationOutputsTable>;
export type Job = Selectable<JobsTable>;
export type Asset = Selectable<AssetsTable>;
export type NewAsset = Insertable<AssetsTable>;
export type Album = Selectable<AlbumsTable>;
export type Share = Selectable<SharesTable>;
export type DataExport = Selectable<ExportsTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Passkey = Selectable<PasskeysTable>;
export type LinkedIdentity = Selectable<LinkedIdentitiesTable>;
export type SignInChallenge = Selectable<SignInChallengesTable>;

export type ReportReason = 'sexual' | 'violence' | 'hate' | 'harassment' | 'illegal' | 'copyright' | 'other';
/** open until an administrator acts; the other states name what they did. */
export type ReportStatus = 'open' | 'dismissed' | 'removed' | 'warned' | 'suspended';

/** A person's report of an image they reached through a share link (modules/reports). */
export interface ContentReportsTable {
  id: string;
  /** Who reported; null once their account was erased (an open report is kept, anonymised, for review). */
  reporter_id: string | null;
  /** Whose image it is. */
  owner_id: string;
  asset_id: string;
  /** The link it was reached through. */
  share_id: string | null;
  reason: ReportReason;
  note: string | null;
  status: ReportStatus;
  created_at: number;
  resolved_at: number | null;
  /** The administrator who acted. */
  resolved_by: string | null;
}
export type ContentReport = Selectable<ContentReportsTable>;
