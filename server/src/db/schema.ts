import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Times are epoch milliseconds; JSON columns hold serialised text. */

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'user';
  /** 'pending_deletion': the person asked to delete the account; signed out until they log in again (cancels). */
  status: 'active' | 'disabled' | 'pending_deletion';
  /** Preference: embed the prompt in generated images' XMP metadata. */
  embed_prompt: Generated<number>;
  /** Preference: default for the engine watermark flag. */
  watermark_default: Generated<number>;
  created_at: number;
  updated_at: number;
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
  kind: 'upload' | 'generated' | 'edited';
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

export interface AlbumsTable {
  id: string;
  user_id: string;
  name: string;
  description: string;
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
  user_id: string;
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

/** One row of a batch's file: the generation it became. */
export interface BatchRowsTable {
  batch_id: string;
  /** 1-based position among the file's rows. */
  row_number: number;
  /** The line of the file the row starts on. */
  line: number;
  generation_id: string;
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
}

export type Webhook = Selectable<WebhooksTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type Batch = Selectable<BatchesTable>;
export type BatchRow = Selectable<BatchRowsTable>;

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
  api_tokens: ApiTokensTable;
  batches: BatchesTable;
  batch_rows: BatchRowsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
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
export type DataExport = Selectable<ExportsTable>;
export type OutboxMessage = Selectable<OutboxTable>;
