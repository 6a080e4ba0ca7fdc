import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Times are epoch milliseconds; JSON columns hold serialised text. */

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'user';
  status: 'active' | 'disabled';
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

export interface Database {
  users: UsersTable;
  user_keys: UserKeysTable;
  sessions: SessionsTable;
  generations: GenerationsTable;
  generation_outputs: GenerationOutputsTable;
  jobs: JobsTable;
  queue_state: QueueStateTable;
  assets: AssetsTable;
  asset_tags: AssetTagsTable;
  albums: AlbumsTable;
  album_assets: AlbumAssetsTable;
  audit_events: AuditEventsTable;
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
