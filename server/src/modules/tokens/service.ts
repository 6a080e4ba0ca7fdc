import type { ApiToken, User } from '../../db/schema.js';
import { tokenHolder, type LiveStreams } from '../../events/live-streams.js';
import { AppError, notFound } from '../../http/errors.js';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { newId, randomToken, sha256Hex } from '../../lib/ids.js';
import type { ApiTokenRepository } from './repository.js';
import { GRANTABLE_SCOPES, type CreateTokenInput, type GrantableScope, type TokenDto } from './schemas.js';

/** Every secret starts with this, so a leaked one is recognisable (secret scanners, logs) as an Atelier token. */
export const TOKEN_PREFIX = 'atl_';
/** 32 random bytes, base64url: 43 characters after the prefix. */
const SECRET_LENGTH = TOKEN_PREFIX.length + 43;
/** How much of the secret the list shows: the prefix and 8 characters (48 of its 256 bits). */
const SHOWN_LENGTH = TOKEN_PREFIX.length + 8;
/** How often a token's last use is written (avoids a write on every request). */
const TOUCH_INTERVAL_MS = 60_000;
export const MAX_TOKENS_PER_USER = 50;

export interface ResolvedToken {
  user: User;
  tokenId: string;
  scopes: ReadonlySet<GrantableScope>;
}

export function toTokenDto(t: ApiToken): TokenDto {
  return {
    id: t.id,
    name: t.name,
    scopes: parseScopes(t.scopes),
    prefix: t.prefix,
    createdAt: new Date(t.created_at).toISOString(),
    lastUsedAt: t.last_used_at === null ? null : new Date(t.last_used_at).toISOString(),
    expiresAt: t.expires_at === null ? null : new Date(t.expires_at).toISOString(),
  };
}

/** Personal API tokens: made, listed and revoked from a browser session; used as bearer credentials. */
export class ApiTokenService {
  constructor(
    private readonly repo: ApiTokenRepository,
    private readonly clock: Clock,
    /** The live streams opened with a token, closed when it is revoked. */
    private readonly streams?: Pick<LiveStreams, 'closeSessions'>,
  ) {}

  async create(userId: string, input: CreateTokenInput): Promise<TokenDto & { token: string }> {
    if ((await this.repo.countForUser(userId)) >= MAX_TOKENS_PER_USER) {
      throw new AppError('CONFLICT', `You already have ${MAX_TOKENS_PER_USER} API tokens. Revoke one you no longer use first.`);
    }
    const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
    const now = this.clock.now();
    const row: ApiToken = {
      id: newId(),
      user_id: userId,
      name: input.name.trim() || 'API token',
      token_hash: sha256Hex(secret),
      prefix: secret.slice(0, SHOWN_LENGTH),
      scopes: GRANTABLE_SCOPES.filter((s) => input.scopes.includes(s)).join(' '),
      created_at: now,
      last_used_at: null,
      expires_at: input.expiresInDays === undefined ? null : now + input.expiresInDays * DAY_MS,
    };
    await this.repo.insert(row);
    return { ...toTokenDto(row), token: secret };
  }

  async list(userId: string): Promise<TokenDto[]> {
    return (await this.repo.listForUser(userId)).map(toTokenDto);
  }

  /** The token stops working at once, and the live streams it opened end (in every process). */
  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.repo.deleteOwned(userId, id))) throw notFound('API token');
    this.streams?.closeSessions(userId, [tokenHolder(id)]);
  }

  /**
   * Revokes every token of the person: called when their password is reset, their account suspended or erased,
   * by AuthService.revokeAllCredentials, which closes all the person's streams. Returns how many there were.
   */
  revokeAllFor(userId: string): Promise<number> {
    return this.repo.deleteForUser(userId);
  }

  /** The token's user and scopes; undefined when the secret is unknown, revoked, expired, or its account not active. */
  async authenticate(secret: string): Promise<ResolvedToken | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length !== SECRET_LENGTH) return undefined;
    const found = await this.repo.findByHashWithUser(sha256Hex(secret));
    if (!found) return undefined;
    const { token, user } = found;
    const now = this.clock.now();
    if (token.expires_at !== null && token.expires_at <= now) return undefined;
    if (user.status !== 'active') return undefined;
    if (token.last_used_at === null || now - token.last_used_at >= TOUCH_INTERVAL_MS) await this.repo.touch(token.id, now);
    return { user, tokenId: token.id, scopes: new Set(parseScopes(token.scopes)) };
  }
}

/** Only grantable scopes ever count, whatever the column holds. */
function parseScopes(text: string): GrantableScope[] {
  const granted = new Set(text.split(' '));
  return GRANTABLE_SCOPES.filter((s) => granted.has(s));
}
