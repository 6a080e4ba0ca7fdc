import type { Db } from '../../../db/database.js';
import type { Asset, Generation, Session, User } from '../../../db/schema.js';
import { groupBy } from '../../../lib/group-by.js';
import { publicSessionId } from '../../auth/service.js';
import type { ConsentService } from '../consents/service.js';

/** Rows are read in pages of this many, so a library of any size is exported in bounded memory. */
export const PAGE_SIZE = 500;

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The consents half (privacy/consents): the person's current choices and their full history. */
export type ConsentSource = Pick<ConsentService, 'view'>;

export function accountRecord(user: User, acknowledgements: { version: string; acknowledged_at: number }[]) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    preferences: { embedPromptInImages: user.embed_prompt === 1, watermarkByDefault: user.watermark_default === 1 },
    createdAt: iso(user.created_at),
    updatedAt: iso(user.updated_at),
    policyAcknowledgements: acknowledgements.map((a) => ({ version: a.version, at: iso(a.acknowledged_at) })),
  };
}

/** A session as the person sees it: coarse device (browser, OS, device type) and the truncated IP stored. */
export function sessionRecord(s: Session) {
  return {
    id: publicSessionId(s),
    device: s.user_agent,
    ip: s.ip,
    createdAt: iso(s.created_at),
    lastSeenAt: iso(s.last_seen_at),
    expiresAt: iso(s.expires_at),
  };
}

export function generationRecord(g: Generation, outputs: { idx: number; asset_id: string | null; error_code: string | null; error_message: string | null }[]) {
  return {
    id: g.id,
    mode: g.mode,
    prompt: g.prompt,
    parameters: parseJson(g.params),
    engine: g.engine,
    model: g.model,
    status: g.status,
    error: parseJson(g.error),
    parentAssetId: g.parent_asset_id,
    usage: parseJson(g.usage),
    createdAt: iso(g.created_at),
    startedAt: iso(g.started_at),
    finishedAt: iso(g.finished_at),
    outputs: outputs
      .sort((a, b) => a.idx - b.idx)
      .map((o) => ({ index: o.idx, assetId: o.asset_id, error: o.error_code ? { code: o.error_code, message: o.error_message } : null })),
  };
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Path of an asset's file inside the zip: media/<asset id>.<extension>. */
export const mediaPath = (a: Pick<Asset, 'id' | 'mime'>) => `media/${a.id}.${EXTENSIONS[a.mime] ?? 'bin'}`;

export function assetRecord(a: Asset, tags: string[], albums: string[]) {
  const metadata = parseJson(a.metadata) as Record<string, unknown> | null;
  return {
    id: a.id,
    file: mediaPath(a),
    kind: a.kind,
    fileName: typeof metadata?.fileName === 'string' ? metadata.fileName : null,
    mime: a.mime,
    width: a.width,
    height: a.height,
    bytes: a.bytes,
    sha256: a.sha256,
    prompt: a.kind === 'upload' ? null : a.search_text,
    generationId: a.generation_id,
    outputIndex: a.output_index,
    parentId: a.parent_id,
    favorite: a.favorite === 1,
    tags,
    albums,
    metadata,
    createdAt: iso(a.created_at),
    deletedAt: iso(a.deleted_at),
  };
}

/**
 * Reads everything Atelier holds about one person, always filtered by their user id. Lists come as async
 * pages in (created_at, id) order, so the export never holds a whole library in memory.
 */
export class PersonalDataReader {
  constructor(
    private readonly db: Db,
    private readonly consents: ConsentSource,
  ) {}

  async account(userId: string) {
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) return undefined;
    const acks = await this.db.selectFrom('policy_acknowledgements').select(['version', 'acknowledged_at'])
      .where('user_id', '=', userId).orderBy('acknowledged_at').execute();
    return accountRecord(user, acks);
  }

  consentRecord(userId: string) {
    return this.consents.view(userId);
  }

  async sessions(userId: string) {
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map(sessionRecord);
  }

  async securityEvents(userId: string) {
    const rows = await this.db.selectFrom('audit_events').select(['type', 'ip', 'created_at'])
      .where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ type: r.type, ip: r.ip, at: iso(r.created_at) }));
  }

  async *generations(userId: string): AsyncGenerator<ReturnType<typeof generationRecord>[]> {
    for await (const page of this.pages<Generation>('generations', userId)) {
      const outputs = await this.db.selectFrom('generation_outputs').selectAll()
        .where('generation_id', 'in', page.map((g) => g.id)).execute();
      const byGeneration = groupBy(outputs, (o) => o.generation_id);
      yield page.map((g) => generationRecord(g, byGeneration.get(g.id) ?? []));
    }
  }

  async albums(userId: string) {
    const albums = await this.db.selectFrom('albums').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    const out = [];
    for (const album of albums) {
      const members = await this.db.selectFrom('album_assets').select(['asset_id', 'added_at'])
        .where('album_id', '=', album.id).orderBy('added_at').execute();
      out.push({
        id: album.id,
        name: album.name,
        description: album.description,
        createdAt: iso(album.created_at),
        updatedAt: iso(album.updated_at),
        assets: members.map((m) => ({ assetId: m.asset_id, addedAt: iso(m.added_at) })),
      });
    }
    return out;
  }

  /** Every asset of the person (trashed ones included: they are still held), with tags and album ids. */
  async *assets(userId: string): AsyncGenerator<{ asset: Asset; record: ReturnType<typeof assetRecord> }[]> {
    for await (const page of this.pages<Asset>('assets', userId)) {
      const ids = page.map((a) => a.id);
      const tags = await this.db.selectFrom('asset_tags').select(['asset_id', 'tag']).where('asset_id', 'in', ids).orderBy('tag').execute();
      const albums = await this.db.selectFrom('album_assets').select(['asset_id', 'album_id']).where('asset_id', 'in', ids).execute();
      const tagsOf = groupBy(tags, (r) => r.asset_id);
      const albumsOf = groupBy(albums, (r) => r.asset_id);
      yield page.map((asset) => ({
        asset,
        record: assetRecord(asset, (tagsOf.get(asset.id) ?? []).map((t) => t.tag), (albumsOf.get(asset.id) ?? []).map((m) => m.album_id)),
      }));
    }
  }

  /** Keyset pages of a user-owned table in (created_at, id) order. */
  private async *pages<Row extends { id: string; created_at: number }>(table: 'generations' | 'assets', userId: string): AsyncGenerator<Row[]> {
    let after: { createdAt: number; id: string } | undefined;
    for (;;) {
      let q = this.db.selectFrom(table).selectAll().where('user_id', '=', userId);
      if (after) {
        const a = after;
        q = q.where((eb) => eb.or([eb('created_at', '>', a.createdAt), eb.and([eb('created_at', '=', a.createdAt), eb('id', '>', a.id)])]));
      }
      const rows = (await q.orderBy('created_at').orderBy('id').limit(PAGE_SIZE).execute()) as unknown as Row[];
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.created_at, id: last.id };
    }
  }
}
