import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { EngineJobError, isOwnKeyChecker, type EngineCredential } from '../../engines/engine.js';
import type { EngineRegistry } from '../../engines/registry.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { checkPublicUrl, type Resolve, type UrlUse } from '../../lib/public-url.js';
import type { SecretBox } from '../../storage/secret-box.js';
import type { AdmissionRequest, GenerationAdmission } from '../generations/admission.js';
import type { OwnKeyProvider, ProviderKeyRepository, ProviderKeyRow } from './repository.js';
import { OWN_KEY_PROVIDERS, type AddProviderKeyInput, type ProviderKeyDto } from './schemas.js';

/** Whether the person's plan lets them bring their own key (billing answers; always yes without plans). */
export interface OwnKeyPolicy {
  allowsOwnKeys(userId: string): Promise<boolean>;
}

export interface ProviderKeyOptions {
  /** ATELIER_PROVIDER_KEY_ALLOW_PRIVATE: own base URLs may be plain http or inside addresses. */
  allowPrivate: boolean;
  resolve?: Resolve;
}

const BASE_URL: UrlUse = { what: 'base URL', field: 'baseUrl', allowSetting: 'ATELIER_PROVIDER_KEY_ALLOW_PRIVATE' };
const PROVIDER_NAMES: Record<OwnKeyProvider, string> = { seedream: 'Seedream', openai: 'OpenAI' };
/** A key check gives up after this long (the provider probe has its own, shorter, timeout). */
const CHECK_TIMEOUT_MS = 20_000;

const monthOf = (t: number) => new Date(t).toISOString().slice(0, 7);
const isOwnKeyProvider = (engine: string): engine is OwnKeyProvider => (OWN_KEY_PROVIDERS as readonly string[]).includes(engine);

/**
 * Bring your own key: a person's own Seedream or OpenAI-compatible key, sealed with their data key (erasing the account
 * shreds it), checked once with the provider when saved, shown only as its last four characters. Generations on that
 * engine name the key (its id, never the key) in their parameters; the worker unseals it for the one job. The monthly
 * cap counts the images asked of the key, and what a generation did not make is given back when it ends.
 */
export class ProviderKeyService implements GenerationAdmission {
  constructor(
    private readonly repo: ProviderKeyRepository,
    private readonly box: Pick<SecretBox, 'seal' | 'open'>,
    private readonly engines: EngineRegistry,
    private readonly policy: OwnKeyPolicy,
    private readonly clock: Clock,
    private readonly opts: ProviderKeyOptions,
  ) {}

  /** Engines of this server that can run on a person's own key. */
  providers(): OwnKeyProvider[] {
    const here = new Set(this.engines.list().map((e) => e.id));
    return OWN_KEY_PROVIDERS.filter((p) => here.has(p) && isOwnKeyChecker(this.engines.get(p)));
  }

  async list(userId: string): Promise<{ items: ProviderKeyDto[]; allowed: boolean; providers: OwnKeyProvider[] }> {
    const rows = await this.repo.list(userId);
    const spent = await this.repo.monthImages(rows.map((r) => r.id), monthOf(this.clock.now()));
    return { items: rows.map((r) => toDto(r, spent.get(r.id) ?? 0)), allowed: await this.policy.allowsOwnKeys(userId), providers: this.providers() };
  }

  async add(userId: string, input: AddProviderKeyInput): Promise<ProviderKeyDto> {
    if (!(await this.policy.allowsOwnKeys(userId))) {
      throw new AppError('PLAN_LIMIT', 'Your plan does not include using your own provider keys. Upgrade your plan to add one.', { limit: 'allowOwnKeys' });
    }
    const name = PROVIDER_NAMES[input.provider];
    if (!this.providers().includes(input.provider)) {
      throw new AppError('VALIDATION_FAILED', `This server does not offer the ${name} engine, so a ${name} key cannot be used here.`, { field: 'provider' });
    }
    if (input.baseUrl !== undefined && input.provider !== 'openai') {
      throw new AppError('VALIDATION_FAILED', 'Only an OpenAI-compatible key can have its own base URL.', { field: 'baseUrl' });
    }
    const baseUrl = input.baseUrl === undefined ? undefined : await this.publicBaseUrl(input.baseUrl);
    await this.checkWithProvider(input.provider, { apiKey: input.key, baseUrl });
    const row: ProviderKeyRow = {
      id: newId(), user_id: userId, provider: input.provider, sealed_key: await this.box.seal(userId, input.key),
      key_suffix: input.key.slice(-4), base_url: baseUrl ?? null, monthly_image_cap: input.monthlyImageCap ?? null, created_at: this.clock.now(),
    };
    await this.repo.replace(row);
    return toDto(row, 0);
  }

  async setCap(userId: string, id: string, cap: number | null): Promise<ProviderKeyDto> {
    const row = await this.requireOwned(userId, id);
    await this.repo.setCap(row.id, cap);
    const spent = await this.repo.monthImages([row.id], monthOf(this.clock.now()));
    return toDto({ ...row, monthly_image_cap: cap }, spent.get(row.id) ?? 0);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(userId, id))) throw notFound('Provider key');
  }

  /** The id of the person's own key for this engine, when they have one and their plan allows it (else the server's key is used). */
  async keyFor(userId: string, engine: string): Promise<string | undefined> {
    if (!isOwnKeyProvider(engine)) return undefined;
    const row = await this.repo.forProvider(userId, engine);
    if (!row || !(await this.policy.allowsOwnKeys(userId))) return undefined;
    return row.id;
  }

  async check(): Promise<void> {}

  /** Inside the generation's transaction: the key's monthly cap, then the images asked of it are counted. */
  async admitIn(trx: Kysely<Database>, req: AdmissionRequest): Promise<void> {
    if (!req.providerKeyId) return;
    const now = this.clock.now();
    const month = monthOf(now);
    const key = await this.repo.lockForSpend(trx, req.providerKeyId, month);
    if (!key) throw new AppError('INVALID_STATE', 'Your own key for this engine was just removed. Try again to use the server\'s key.');
    const { cap, used } = key;
    if (cap !== null && used + req.count > cap) {
      throw new AppError('OWN_KEY_CAP_REACHED',
        `Your ${PROVIDER_NAMES[key.provider]} key's cap of ${cap} images this month would be passed (${used} used, ${req.count} asked). ` +
        'Raise or remove the cap in Settings → Your provider keys, or wait for next month.', { cap, used });
    }
    await this.repo.recordSpend(trx, { generation_id: req.generationId, key_id: req.providerKeyId, user_id: req.userId, month, images: req.count });
  }

  async ended(g: { id: string; produced: number }): Promise<void> {
    await this.repo.settleSpend(g.id, g.produced);
  }

  /**
   * The worker's side: the person's key for one job, unsealed. A key removed since the job was queued fails the job in
   * plain words; it never falls back to the server's key.
   */
  async credentialFor(userId: string, keyId: string): Promise<EngineCredential> {
    const row = await this.repo.find(userId, keyId);
    if (!row) {
      throw new EngineJobError('OWN_KEY_MISSING', 'Your own key for this engine was removed before the generation ran, so it was not made. Add the key again, or run it again to use the server\'s key.');
    }
    let baseUrl: string | undefined;
    if (row.base_url) {
      // Checked again at every use: the name may resolve elsewhere now than when the key was saved.
      baseUrl = await this.publicBaseUrl(row.base_url).catch((err: unknown) => {
        throw new EngineJobError('OWN_KEY_REFUSED', `Your OpenAI-compatible base URL cannot be used: ${(err as Error).message}`);
      });
    }
    return { apiKey: await this.box.open(userId, row.sealed_key), baseUrl };
  }

  private async checkWithProvider(provider: OwnKeyProvider, credential: EngineCredential): Promise<void> {
    const engine = this.engines.get(provider);
    if (!isOwnKeyChecker(engine)) return;
    try {
      await engine.checkKey(credential, AbortSignal.timeout(CHECK_TIMEOUT_MS));
    } catch (err) {
      if (err instanceof EngineJobError) throw new AppError('VALIDATION_FAILED', err.message, { field: 'key', reason: err.code });
      throw err;
    }
  }

  private async publicBaseUrl(raw: string): Promise<string> {
    const { url } = await checkPublicUrl(raw, this.opts.allowPrivate, BASE_URL, this.opts.resolve);
    if (url.search || url.hash) throw new AppError('VALIDATION_FAILED', 'The base URL must not have a query or a fragment.', { field: 'baseUrl' });
    return url.toString().replace(/\/+$/, '');
  }

  private async requireOwned(userId: string, id: string): Promise<ProviderKeyRow> {
    const row = await this.repo.find(userId, id);
    if (!row) throw notFound('Provider key');
    return row;
  }
}

function toDto(r: ProviderKeyRow, imagesThisMonth: number): ProviderKeyDto {
  return {
    id: r.id, provider: r.provider, masked: `••••${r.key_suffix}`, baseUrl: r.base_url, monthlyImageCap: r.monthly_image_cap,
    imagesThisMonth, createdAt: new Date(r.created_at).toISOString(),
  };
}
