import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Asset, Database } from '../../db/schema.js';
import type { EngineReference } from '../../engines/engine.js';
import { AppError, invalid, notFound } from '../../http/errors.js';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { decodeCursor, toPage, type Page } from '../../lib/cursor.js';
import type { ListTotal } from '../../db/bounded-count.js';
import { newId } from '../../lib/ids.js';
import { checkContentCredentials, decodeForEngine, embedProvenance, hasContentCredentials, type ContentCredentialsState, ingestUpload, isMediaError, makeThumbnail, readProvenance, type Provenance } from '../../media/index.js';
import { digitalSourceTypeFor, isDigitalSourceType } from './source-type.js';
import type { BlobStore, ByteRange } from '../../storage/blob-store.js';
import { BlobNotFoundError } from '../../storage/errors.js';
import { zipAssets } from './archive.js';
import type { GenerationAssetPort, StoreOutputInput } from './generation-port.js';
import { parseRange } from './range.js';
import { hasPrompt, MASK_KIND, type AssetListFilter, type AssetRepository, type TagCount } from './repository.js';
import { MAX_PAGE, MAX_TAG_LENGTH, MAX_TAGS, type AssetDto } from './schemas.js';

export type AssetServiceOptions = Pick<Config, 'maxInputPixels' | 'trashRetentionDays'>;

/** Asked before an upload is stored: rate and storage limits (modules/billing); throws to refuse. */
export interface UploadGate {
  beforeUpload(userId: string): Promise<void>;
  /** With the image check on (upload-check.ts): uploads are stored waiting for it, its job written in the same commit. */
  check?: {
    queueIn(trx: Transaction<Database>, asset: { id: string; user_id: string }): Promise<void>;
    committed(): void;
  };
}

/** The 409 of an upload the image check has not looked at yet, wherever it would be used or shown to others. */
export const stillChecking = () => new AppError('IMAGE_CHECKING', 'This image is still being checked. Wait a moment and try again.');

/** The asset as it may be shared or sent to an engine: 409 while the image check has not looked at it yet. */
export function requireChecked(asset: Asset): Asset {
  if (asset.checking === 1) throw stillChecking();
  return asset;
}

export const assetUrls = (id: string) => ({ content: `/api/v1/assets/${id}/content`, thumbnail: `/api/v1/assets/${id}/thumbnail` });

/** Blob keys: everything of a user lives under u/<userId>/, so deleting a user can drop the whole prefix. */
export const blobKeys = {
  original: (userId: string, assetId: string) => `u/${userId}/orig/${assetId}`,
  // One flat folder per user, like originals and thumbnails: no folder per generation (or per shard) to create
  // and make durable. Keys already stored (the row keeps its blob_key) stay valid whatever their layout.
  generated: (userId: string, generationId: string, index: number) => `u/${userId}/gen/${generationId}-${index}`,
  thumbnail: (userId: string, assetId: string) => `u/${userId}/thumb/${assetId}.webp`,
};

function parseMetadata(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The strong ETag of an asset's content: its sha256, which never changes for an id. */
export const etagOf = (a: Pick<Asset, 'sha256'>) => `"${a.sha256}"`;

/** The thumbnail is derived from the content, so its ETag is too. */
export const thumbnailEtagOf = (a: Pick<Asset, 'sha256'>) => `"${a.sha256}.thumb"`;

/** The public JSON of an asset. */
export function toAssetDto(a: Asset, tags: readonly string[] = []): AssetDto {
  const meta = parseMetadata(a.metadata);
  const dto: AssetDto = {
    id: a.id,
    kind: a.kind,
    mime: a.mime,
    width: a.width,
    height: a.height,
    bytes: a.bytes,
    sha256: a.sha256,
    favorite: a.favorite === 1,
    neverUseForTraining: a.never_train === 1,
    tags: [...tags],
    parentId: a.parent_id,
    generationId: a.generation_id,
    outputIndex: a.output_index,
    prompt: hasPrompt(a.kind) ? a.search_text : null,
    createdAt: new Date(a.created_at).toISOString(),
    deletedAt: a.deleted_at === null ? null : new Date(a.deleted_at).toISOString(),
    urls: assetUrls(a.id),
  };
  if (a.checking === 1) dto.checking = true;
  if (typeof meta.fileName === 'string') dto.fileName = meta.fileName;
  if (isDigitalSourceType(meta.digitalSourceType)) dto.digitalSourceType = meta.digitalSourceType;
  if (meta.contentCredentials === true) {
    dto.contentCredentials = true;
    // Images stored before the check was made are unverified.
    dto.contentCredentialsState = credentialsStateOf(meta.contentCredentialsCheck);
  }
  return dto;
}

function credentialsStateOf(check: unknown): ContentCredentialsState {
  const state = (check as { state?: unknown } | undefined)?.state;
  return state === 'valid' || state === 'invalid' ? state : 'unverified';
}

/** The digital source type an asset claims, as recorded when it was stored. */
function claimOf(a: Asset): string | undefined {
  const claim = parseMetadata(a.metadata).digitalSourceType;
  return isDigitalSourceType(claim) ? claim : undefined;
}

/**
 * An upload's file name made safe to store and show: the last path segment only, Unicode NFC, no control or
 * bidi-override characters, whitespace collapsed, at most 200 characters. Empty becomes "upload".
 */
export function sanitiseFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const short = Array.from(clean).slice(0, 200).join('').trim();
  return short === '' || short === '.' || short === '..' ? 'upload' : short;
}

/** Tags as stored: trimmed, inner whitespace collapsed, lowercased, de-duplicated; validated for length and count. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
    if (tag.length === 0) throw invalid('Tags cannot be empty.', 'tags');
    if (Array.from(tag).length > MAX_TAG_LENGTH) throw invalid(`Tags are at most ${MAX_TAG_LENGTH} characters: "${tag.slice(0, 50)}" is too long.`, 'tags');
    if (/[\u0000-\u001f\u007f]/.test(tag)) throw invalid('Tags cannot contain control characters.', 'tags');
    if (!out.includes(tag)) out.push(tag);
  }
  if (out.length > MAX_TAGS) throw invalid(`An asset can have at most ${MAX_TAGS} tags (got ${out.length}).`, 'tags');
  return out;
}

/**
 * `found` must hold every id of `ids`; otherwise 404 listing the ids not found. A missing id and another user's
 * id look the same, and the list only echoes the caller's own input.
 */
export function requireAllFound(ids: readonly string[], found: Asset[]): Asset[] {
  const have = new Set(found.map((a) => a.id));
  const missing = [...new Set(ids)].filter((id) => !have.has(id));
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', missing.length === 1 ? 'Asset not found' : `${missing.length} assets not found`, { missingIds: missing });
  }
  return found;
}

/** Turns a media-layer refusal into the API error with the same code; anything else is rethrown. */
function mediaToAppError(err: unknown): never {
  if (isMediaError(err)) throw new AppError(err.code, err.message);
  throw err;
}

export interface UploadInput {
  data: Buffer;
  fileName?: string;
  /** An inpainting mask: stored like an upload, listed nowhere. */
  mask?: boolean;
}

export interface ListInput extends AssetListFilter {
  limit?: number;
  cursor?: string;
}

/** An opened original: headers are known before the (lazy) stream is opened, so a 304 never touches the blob. */
export interface ContentHandle {
  asset: Asset;
  /** The whole blob, or the requested range (206). */
  range: ByteRange | null;
  /** Bytes the response will carry. */
  length: number;
  open(): Promise<Readable>;
}

export interface ThumbnailResult {
  asset: Asset;
  data: Buffer;
  /** True when this call made the thumbnail (not served from the cache). */
  generated: boolean;
}

export type SimpleBulkAction = 'delete' | 'restore' | 'purge' | 'favorite' | 'unfavorite';

const PURGE_BATCH = 100;

/**
 * Asset rules and ownership. Every public method takes the caller's user id; another user's asset answers
 * exactly like a missing one (404 "Asset not found").
 */
export class AssetService implements GenerationAssetPort {
  private readonly storing = new Map<string, Promise<Asset>>();

  constructor(
    private readonly repo: AssetRepository,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly opts: AssetServiceOptions,
    private readonly gate?: UploadGate,
  ) {}

  // ---- reads ----------------------------------------------------------------------------------------------

  /** The caller's asset (live or trashed) or 404. */
  bytesUsed(userId: string): Promise<number> {
    return this.repo.bytesUsed(userId);
  }

  async requireAsset(userId: string, id: string): Promise<Asset> {
    const asset = await this.repo.findOwned(userId, id);
    if (!asset) throw notFound('Asset');
    return asset;
  }

  /** The live (not trashed) asset with this id, whoever owns it: for a signed image link, which names its owner. */
  async findLive(id: string): Promise<Asset | undefined> {
    const asset = await this.repo.findById(id);
    return asset && asset.deleted_at === null ? asset : undefined;
  }

  /** The caller's asset (live or trashed), or undefined. */
  findOwned(userId: string, id: string): Promise<Asset | undefined> {
    return this.repo.findOwned(userId, id);
  }

  /** The live images of one of the user's generations, in output order. */
  liveOfGeneration(userId: string, generationId: string): Promise<Asset[]> {
    return this.repo.liveOfGeneration(userId, generationId);
  }

  /** Of the newest `limit` live images of one of the user's albums, those that may be shown to others (checked). */
  async liveOfAlbum(userId: string, albumId: string, limit: number): Promise<Asset[]> {
    return (await this.repo.list(userId, { albumId }, undefined, limit)).filter((a) => a.checking === 0);
  }

  /**
   * The image as it may leave through a share link: an upload as stored (its metadata was stripped at upload);
   * a generated image with its XMP written afresh, so that it carries its provenance claim (the digital source
   * type recorded when it was made) and, only when the owner allows it, the prompt, and nothing else (whatever the
   * stored copy embedded).
   */
  async sharedCopy(asset: Asset, includePrompt: boolean): Promise<Buffer> {
    const data = await this.readBlob(asset.blob_key, asset.user_id);
    // An upload was stripped when it came; a provider's Content Credentials sign the stored bytes, which Atelier
    // never wrote a prompt into: both leave as stored.
    if (!hasPrompt(asset.kind) || hasContentCredentials(data, asset.mime)) return data;
    const engine = parseMetadata(asset.metadata).engine;
    const digitalSourceType = claimOf(asset);
    return embedProvenance(data, asset.mime, {
      engine: typeof engine === 'string' ? engine : 'unknown',
      createdAt: new Date(asset.created_at),
      ...(digitalSourceType ? { digitalSourceType } : {}),
      ...(includePrompt ? { prompt: asset.search_text } : {}),
    }).catch(mediaToAppError);
  }

  async get(userId: string, id: string): Promise<AssetDto> {
    const asset = await this.requireAsset(userId, id);
    const dto = await this.withTags(asset);
    dto.inNeverTrainAlbum = await this.repo.inNeverTrainAlbum(asset.id);
    return dto;
  }

  /** A gallery page: live assets (or the trash) newest first, keyset-paginated, with tags loaded in one query. */
  async list(userId: string, input: ListInput = {}): Promise<Page<AssetDto>> {
    const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), MAX_PAGE);
    const after = decodeCursor(input.cursor);
    if (input.albumId !== undefined && !(await this.repo.albumBelongsTo(userId, input.albumId))) throw notFound('Album');
    const tag = input.tag === undefined ? undefined : input.tag.replace(/\s+/g, ' ').trim().toLowerCase();
    const filter = { kind: input.kind, albumId: input.albumId, tag, favorite: input.favorite, q: input.q?.trim() || undefined, trash: input.trash };
    const rows = await this.repo.list(userId, filter, after, limit + 1);
    const tags = await this.repo.tagsFor(rows.slice(0, limit).map((r) => r.id));
    return { ...toPage(rows, limit, (r) => this.withPurgeAt(toAssetDto(r, tags.get(r.id) ?? []), r)), ...(await this.totalOf(userId, filter, after !== undefined)) };
  }

  /**
   * The list's total: exact from the kept counters when the filter is only kind, favourite and trash; otherwise, on
   * the first page only (later pages leave it out), an album or tag counted up to COUNT_CAP and a search text counted
   * in the newest COUNT_CAP images of the rest of the filter (an estimate beyond them).
   */
  private async totalOf(userId: string, filter: AssetListFilter, laterPage: boolean): Promise<ListTotal | Record<string, never>> {
    const counted = filter.albumId === undefined && filter.tag === undefined;
    if (counted && filter.q === undefined) return { total: await this.repo.countOf(userId, filter), totalAccuracy: 'exact' };
    if (laterPage) return {};
    if (filter.q === undefined) return this.repo.countUpTo(userId, filter);
    return this.repo.textTotal(userId, { ...filter, q: filter.q }, counted ? await this.repo.countOf(userId, filter) : undefined);
  }

  async tagCounts(userId: string): Promise<TagCount[]> {
    return this.repo.tagCounts(userId);
  }

  /**
   * Resolves a Range header against the original and returns a handle that opens the (decrypted) stream.
   * With `ifRange` (the If-Range header) the range is honoured only while it still names this image's ETag.
   */
  async content(userId: string, id: string, req: { range?: string; ifRange?: string } = {}): Promise<ContentHandle> {
    const asset = await this.requireAsset(userId, id);
    const honourRange = req.ifRange === undefined || req.ifRange.trim() === etagOf(asset);
    const r = parseRange(honourRange ? req.range : undefined, asset.bytes);
    if (r.kind === 'unsatisfiable') {
      throw new AppError('RANGE_NOT_SATISFIABLE', `The requested range is not satisfiable: the image has ${asset.bytes} bytes.`, { size: asset.bytes }, {
        'content-range': `bytes */${asset.bytes}`,
      });
    }
    const range = r.kind === 'partial' ? r.range : null;
    return {
      asset,
      range,
      length: range ? range.end - range.start + 1 : asset.bytes,
      open: () => this.openBlob(asset.blob_key, asset.user_id, range ?? undefined),
    };
  }

  /**
   * The WebP thumbnail (fits in 512×512). Made on first request and cached in the blob store; thumb_key records it.
   * A cached thumbnail that went missing is simply made again.
   */
  async thumbnail(userId: string, id: string): Promise<ThumbnailResult> {
    const asset = await this.requireAsset(userId, id);
    if (asset.thumb_key) {
      try {
        return { asset, data: await this.blobs.getBuffer(asset.thumb_key, asset.user_id), generated: false };
      } catch (err) {
        if (!(err instanceof BlobNotFoundError)) throw err;
      }
    }
    const original = await this.readBlob(asset.blob_key, asset.user_id);
    const thumb = await makeThumbnail(original).catch(mediaToAppError);
    // An upload waiting for the image check may yet be blurred: its thumbnail is not cached until it is checked.
    if (asset.checking === 1) return { asset, data: thumb.data, generated: true };
    const key = blobKeys.thumbnail(asset.user_id, asset.id);
    await this.blobs.put(key, thumb.data, { userId: asset.user_id, contentType: thumb.mime });
    if (!(await this.repo.setThumbKey(asset.id, key))) {
      // Purged while we were making it: do not leave the thumbnail behind.
      await this.deleteBlob(key);
      throw notFound('Asset');
    }
    return { asset: { ...asset, thumb_key: key }, data: thumb.data, generated: true };
  }

  // ---- writes ---------------------------------------------------------------------------------------------

  /**
   * Stores an uploaded image. The type comes from the magic bytes; the image is re-encoded with its orientation
   * applied and all metadata (EXIF, GPS, XMP) stripped, then written encrypted. 415 for other types, 413 for a
   * decompression bomb, 400 for corrupt data. With the image check on, it is stored waiting for it (`checking`) and
   * answered at once; the check runs in a job.
   */
  async upload(userId: string, input: UploadInput): Promise<AssetDto> {
    if (input.data.length === 0) throw new AppError('VALIDATION_FAILED', 'The uploaded file is empty.', { field: 'file' });
    await this.gate?.beforeUpload(userId);
    const image = await ingestUpload(input.data, { maxInputPixels: this.opts.maxInputPixels }).catch(mediaToAppError);
    // Ingest strips the file's metadata; its digital source type claim (if any) is kept in the row.
    const claim = (await readProvenance(input.data).catch(() => ({}) as Provenance)).digitalSourceType;
    const fileName = sanitiseFileName(input.fileName);
    const id = newId();
    const key = blobKeys.original(userId, id);
    // A fresh id: nothing can refer to this key before the row below is written.
    const put = await this.blobs.put(key, image.data, { userId, contentType: image.mime, unpublished: true });
    const check = input.mask ? undefined : this.gate?.check;
    try {
      const asset = await this.repo.insert({
        id,
        user_id: userId,
        kind: input.mask ? MASK_KIND : 'upload',
        parent_id: null,
        generation_id: null,
        output_index: null,
        blob_key: key,
        thumb_key: null,
        mime: image.mime,
        width: image.width,
        height: image.height,
        bytes: put.size,
        sha256: put.sha256,
        search_text: fileName,
        metadata: JSON.stringify({ fileName, ...(isDigitalSourceType(claim) ? { digitalSourceType: claim } : {}) }),
        checking: check ? 1 : 0,
        deleted_at: null,
        created_at: this.clock.now(),
      }, check && ((trx) => check.queueIn(trx, { id, user_id: userId })));
      check?.committed();
      // A new upload is in no album yet: answered like a single image read back.
      return { ...toAssetDto(asset, []), inNeverTrainAlbum: false };
    } catch (err) {
      await this.deleteBlob(key).catch(() => undefined);
      throw err;
    }
  }

  /** Moves the asset to the trash (idempotent); it stays restorable for trashRetentionDays. */
  async trash(userId: string, id: string): Promise<void> {
    await this.requireAsset(userId, id);
    await this.repo.setDeletedAt(userId, [id], this.clock.now());
  }

  async restore(userId: string, id: string): Promise<AssetDto> {
    await this.requireAsset(userId, id);
    await this.repo.setDeletedAt(userId, [id], null);
    return this.get(userId, id);
  }

  async setFavorite(userId: string, id: string, favorite: boolean): Promise<AssetDto> {
    await this.requireAsset(userId, id);
    await this.repo.setFavorite(userId, [id], favorite);
    return this.get(userId, id);
  }

  /** The "never use for training" mark: the dataset export leaves the image out whatever the person's consent. */
  async setNeverTrain(userId: string, id: string, neverTrain: boolean): Promise<AssetDto> {
    await this.requireAsset(userId, id);
    await this.repo.setNeverTrain(userId, id, neverTrain);
    return this.get(userId, id);
  }

  async setTags(userId: string, id: string, tags: readonly string[]): Promise<AssetDto> {
    const normalised = normaliseTags(tags);
    const asset = await this.requireAsset(userId, id);
    await this.repo.replaceTags(userId, asset.id, normalised);
    return this.get(userId, id);
  }

  /**
   * The caller's assets among `ids`, all of them or 404: nothing is changed when any id is missing or belongs
   * to someone else, and the error lists the ids not found (the caller's own input, so it reveals nothing).
   */
  async requireAllOwned(userId: string, ids: readonly string[], opts: { liveOnly?: boolean } = {}): Promise<Asset[]> {
    const unique = [...new Set(ids)];
    return requireAllFound(unique, await this.repo.findOwnedMany(userId, unique, opts));
  }

  /**
   * The caller's live assets as one zip of their decrypted originals, in the order asked, streamed. Every id must
   * be the caller's and live (404 otherwise), and every original must still exist, before a byte is sent.
   * `nameOf` names the entries (default: each image's download name).
   */
  async archive(userId: string, ids: readonly string[], nameOf?: (asset: Asset, i: number) => string): Promise<{ count: number; stream: Readable }> {
    const found = await this.requireAllOwned(userId, ids, { liveOnly: true });
    const byId = new Map(found.map((a) => [a.id, a]));
    const ordered = [...new Set(ids)].map((id) => byId.get(id)!);
    for (const asset of ordered) {
      if (!(await this.blobs.exists(asset.blob_key))) throw notFound('Asset content');
    }
    return { count: ordered.length, stream: zipAssets(ordered, (a) => this.openBlob(a.blob_key, userId), nameOf && ordered.map(nameOf)) };
  }

  /** delete / restore / favorite / unfavorite on many assets, all-or-nothing on ownership. */
  async bulk(userId: string, action: SimpleBulkAction, ids: readonly string[]): Promise<{ count: number; changed: number }> {
    const assets = await this.requireAllOwned(userId, ids);
    const owned = assets.map((a) => a.id);
    let changed: number;
    switch (action) {
      case 'delete':
        changed = await this.repo.setDeletedAt(userId, owned, this.clock.now());
        break;
      case 'restore':
        changed = await this.repo.setDeletedAt(userId, owned, null);
        break;
      case 'purge':
        changed = await this.purgeTrashed(assets);
        break;
      case 'favorite':
      case 'unfavorite': {
        const want = action === 'favorite' ? 1 : 0;
        changed = assets.filter((a) => a.favorite !== want).length;
        await this.repo.setFavorite(userId, owned, want === 1);
        break;
      }
    }
    return { count: owned.length, changed };
  }

  // ---- purge ----------------------------------------------------------------------------------------------

  /**
   * Permanently deletes one of the caller's trashed assets: the row (tags and album memberships cascade), the
   * original and the thumbnail. A live asset is refused (move it to the trash first).
   */
  async purgeAsset(userId: string, id: string): Promise<void> {
    await this.purgeTrashed([await this.requireAsset(userId, id)]);
  }

  /**
   * Purges up to `limit` of the user's images trashed at or before `before` (emptying the trash, batch by batch);
   * `more` tells whether any are left.
   */
  async purgeTrashOf(userId: string, before: number, limit: number): Promise<{ purged: number; more: boolean }> {
    const batch = await this.repo.listTrashOf(userId, before, limit + 1);
    return { purged: await this.purgeTrashed(batch.slice(0, limit)), more: batch.length > limit };
  }

  /**
   * Permanently deletes assets that are all in the trash (checked first: one live asset refuses the whole call).
   * Returns how many went (a concurrent restore keeps its asset).
   */
  private async purgeTrashed(assets: readonly Asset[]): Promise<number> {
    if (assets.some((a) => a.deleted_at === null)) {
      throw new AppError('INVALID_STATE', 'Only images in the trash can be deleted for good; move them to the trash first.');
    }
    let purged = 0;
    const errors: unknown[] = [];
    for (const asset of assets) {
      const r = await this.purgeRow(asset);
      if (r.deleted) purged += 1;
      errors.push(...r.blobErrors);
    }
    if (errors.length > 0) throw new AggregateError(errors, `${purged} assets were deleted but some of their blobs were not`);
    return purged;
  }

  /**
   * Purges everything trashed more than trashRetentionDays ago, blobs included. Returns how many assets went.
   * Blobs that fail to delete do not stop the run; they are reported together at the end (AggregateError).
   */
  async purgeExpiredTrash(): Promise<number> {
    const cutoff = this.clock.now() - this.opts.trashRetentionDays * DAY_MS;
    let purged = 0;
    const errors: unknown[] = [];
    for (;;) {
      const batch = await this.repo.listExpiredTrash(cutoff, PURGE_BATCH);
      for (const asset of batch) {
        const r = await this.purgeRow(asset, cutoff);
        if (r.deleted) purged += 1;
        errors.push(...r.blobErrors);
      }
      if (batch.length < PURGE_BATCH) break;
    }
    if (errors.length > 0) {
      throw new AggregateError(errors, `Purged ${purged} trashed assets, but ${errors.length} blobs could not be deleted`);
    }
    return purged;
  }

  /**
   * Row first, and only if still trashed (a concurrent restore wins), then the original and thumbnail blobs:
   * a failure can at worst leave an unreferenced blob behind, never a row pointing at a deleted blob.
   */
  private async purgeRow(asset: Asset, cutoff?: number): Promise<{ deleted: boolean; blobErrors: unknown[] }> {
    if (!(await this.repo.deleteTrashed(asset.id, cutoff))) return { deleted: false, blobErrors: [] };
    const keys = new Set([asset.blob_key, blobKeys.thumbnail(asset.user_id, asset.id)]);
    if (asset.thumb_key) keys.add(asset.thumb_key);
    const results = await Promise.allSettled([...keys].map((k) => this.deleteBlob(k)));
    const blobErrors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    return { deleted: true, blobErrors };
  }

  // ---- GenerationAssetPort --------------------------------------------------------------------------------

  async requireOwned(userId: string, assetIds: string[]): Promise<Asset[]> {
    if (assetIds.length === 0) return [];
    const found = await this.repo.findOwnedMany(userId, assetIds, { liveOnly: true });
    const byId = new Map(found.map((a) => [a.id, a]));
    return assetIds.map((id) => {
      const a = byId.get(id);
      if (!a) throw notFound('Asset');
      return requireChecked(a);
    });
  }

  async loadReference(asset: Asset): Promise<EngineReference> {
    const data = await this.readBlob(asset.blob_key, asset.user_id);
    const img = await decodeForEngine(data, asset.mime).catch(mediaToAppError);
    return { assetId: asset.id, mime: img.mime, width: img.width, height: img.height, data: img.data };
  }

  /**
   * Stores output `index` of a generation once. A second call (a retried job) returns the first asset and writes
   * nothing. The blob key is deterministic per (generation, index), so a crash between writing the blob and the
   * row leaves nothing behind on retry; concurrent calls in this process share one store.
   */
  storeOutput(input: StoreOutputInput): Promise<Asset> {
    const slot = `${input.generationId}:${input.index}`;
    const running = this.storing.get(slot);
    if (running) return running;
    const p = this.doStoreOutput(input).finally(() => this.storing.delete(slot));
    this.storing.set(slot, p);
    return p;
  }

  private async doStoreOutput(input: StoreOutputInput): Promise<Asset> {
    const existing = await this.repo.findByGenerationOutput(input.generationId, input.index);
    if (existing) return existing;
    const now = this.clock.now();
    const parent = input.parentId ? await this.repo.findById(input.parentId) : undefined;
    const digitalSourceType = digitalSourceTypeFor(input.origin, parent ? claimOf(parent) : undefined);
    // A provider's Content Credentials sign these very bytes: the image is kept as it came, its claim recorded here.
    const contentCredentials = hasContentCredentials(input.image.data, input.image.mime);
    // Checked once, on the bytes as the provider sent them (what is stored): valid, invalid or unverified.
    const credentials = contentCredentials ? await checkContentCredentials(input.image.data, input.image.mime) : undefined;
    const data = contentCredentials ? input.image.data : await embedProvenance(input.image.data, input.image.mime, {
      engine: input.engine,
      createdAt: new Date(now),
      ...(digitalSourceType ? { digitalSourceType } : {}),
      ...(input.embedPrompt ? { prompt: input.prompt } : {}),
    }).catch(mediaToAppError);
    const key = blobKeys.generated(input.userId, input.generationId, input.index);
    // Only the output row written below publishes this key (a retried job finds the key taken: replaced atomically).
    const put = await this.blobs.put(key, data, { userId: input.userId, contentType: input.image.mime, unpublished: true });
    return this.repo.insertGenerationOutput({
      id: newId(),
      user_id: input.userId,
      kind: input.kind,
      parent_id: input.parentId,
      generation_id: input.generationId,
      output_index: input.index,
      blob_key: key,
      thumb_key: null,
      mime: input.image.mime,
      width: input.image.width,
      height: input.image.height,
      bytes: put.size,
      sha256: put.sha256,
      search_text: input.prompt,
      metadata: JSON.stringify({
        ...input.metadata, engine: input.engine, ...(digitalSourceType ? { digitalSourceType } : {}), ...(credentials ? { contentCredentials, contentCredentialsCheck: credentials } : {}),
      }),
      // An edit of an image marked "never use for training" is the same picture: it carries the mark.
      never_train: parent?.never_train ?? 0,
      deleted_at: null,
      created_at: now,
    });
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private async withTags(asset: Asset): Promise<AssetDto> {
    const tags = await this.repo.tagsFor([asset.id]);
    return this.withPurgeAt(toAssetDto(asset, tags.get(asset.id) ?? []), asset);
  }

  /** A trashed asset says when the retention purge will delete it for good. */
  private withPurgeAt(dto: AssetDto, asset: Asset): AssetDto {
    if (asset.deleted_at !== null) dto.purgeAt = new Date(asset.deleted_at + this.opts.trashRetentionDays * DAY_MS).toISOString();
    return dto;
  }

  private async readBlob(key: string, userId: string): Promise<Buffer> {
    try {
      return await this.blobs.getBuffer(key, userId);
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw notFound('Asset content');
      throw err;
    }
  }

  private async openBlob(key: string, userId: string, range?: ByteRange): Promise<Readable> {
    try {
      return await this.blobs.get(key, userId, range);
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw notFound('Asset content');
      throw err;
    }
  }

  private async deleteBlob(key: string): Promise<void> {
    try {
      await this.blobs.delete(key);
    } catch (err) {
      if (!(err instanceof BlobNotFoundError)) throw err;
    }
  }
}

