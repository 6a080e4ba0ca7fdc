import * as client from 'openid-client';
import type { User } from '../../../db/schema.js';
import { AppError } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import { newId } from '../../../lib/ids.js';
import type { UserRepository } from '../repository.js';
import type { PolicyNoticePort } from '../routes.js';
import { normaliseEmail, type AuthService, type ClientInfo, type IssuedSession, type MfaPending } from '../service.js';
import type { OidcConfig } from '../sign-in-config.js';
import type { AnonymousCeremonyLimit, SignInChallenges } from '../sign-in-challenges.js';
import type { LinkedIdentityRepository } from './repository.js';

/** How long a person has at the provider between leaving Atelier and coming back. */
export const OIDC_FLOW_MS = 10 * 60_000;
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
const NOT_CONFIRMED = 'The sign-in provider did not confirm who you are. Please try again.';

/** Why a sign-in through the provider was refused; the studio shows each in the person's language. */
export type OidcRefusal = 'state_mismatch' | 'expired' | 'provider_error' | 'provider_unreachable' | 'email_missing' | 'email_unverified' | 'account_disabled'
  | 'account_suspended' | 'signup_refused' | 'rate_limited';

/** Refusals of the sign-in itself that the login screen shows, by the AppError code that refused it. */
const SIGN_IN_REFUSALS: Partial<Record<string, OidcRefusal>> = { ACCOUNT_DISABLED: 'account_disabled', ACCOUNT_SUSPENDED: 'account_suspended' };

export class OidcRefused extends Error {
  constructor(readonly reason: OidcRefusal, message: string) {
    super(message);
  }
}

/** The claims Atelier reads: the subject, the email and whether the provider verified it, a display name. */
interface Claims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

interface FlowData {
  codeVerifier: string;
  nonce: string;
}

/**
 * OpenID Connect sign-in (authorization code + PKCE, state and nonce): the state is kept server-side as a
 * single-use challenge and in an httpOnly cookie of the browser that started, so a callback from another browser
 * (login CSRF) or replayed is refused. An identity is linked to an account only through an email the provider says
 * it verified; after that, the provider's subject identifies the person even if their email changes.
 */
export class OidcService {
  private discovered?: Promise<client.Configuration>;

  constructor(
    private readonly config: OidcConfig,
    private readonly publicUrl: string,
    private readonly challenges: SignInChallenges,
    private readonly users: UserRepository,
    private readonly identities: LinkedIdentityRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly anonymousStarts: AnonymousCeremonyLimit,
    /** Records the policy version a person agrees to when the sign-in makes their account, as a sign-up does. */
    private readonly policy?: Pick<PolicyNoticePort, 'agreedAtSignup'>,
  ) {}

  get buttonLabel(): string {
    return this.config.buttonLabel;
  }

  /** The provider's address to send the browser to, and the state to keep in its cookie. */
  async start(info: ClientInfo): Promise<{ url: string; state: string }> {
    try {
      await this.anonymousStarts.take(info.ip);
    } catch (err) {
      throw new OidcRefused('rate_limited', (err as Error).message);
    }
    const configuration = await this.provider();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.challenges.issue('oidc', state, { codeVerifier, nonce } satisfies FlowData, OIDC_FLOW_MS);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Completes the sign-in the provider sent the browser back from (`callbackUrl` is the URL it came back to): the
   * session, or, when the account has two-step sign-in on, the half-done login that waits for its code.
   */
  async finish(callbackUrl: URL, cookieState: string | undefined, info: ClientInfo, previousToken?: string): Promise<IssuedSession | MfaPending> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || !cookieState || state !== cookieState) {
      throw new OidcRefused('state_mismatch', 'This sign-in did not start in this browser, or was already used. Please start again.');
    }
    const flow = await this.challenges.take<FlowData>('oidc', state);
    if (!flow) throw new OidcRefused('expired', 'This sign-in took too long or was already used. Please start again.');
    const configuration = await this.provider();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier, expectedState: state, expectedNonce: flow.nonce, idTokenExpected: true,
    }).catch(() => {
      throw new OidcRefused('provider_error', NOT_CONFIRMED);
    });
    const user = await this.accountFor(configuration.serverMetadata().issuer, await this.claimsOf(configuration, tokens), info);
    try {
      return await this.auth.afterFirstFactor(user, 'oidc', info, previousToken);
    } catch (err) {
      const refusal = err instanceof AppError ? SIGN_IN_REFUSALS[err.code] : undefined;
      if (refusal) throw new OidcRefused(refusal, (err as AppError).message);
      throw err;
    }
  }

  /**
   * Who the provider says signed in: the ID token's claims, and where it leaves the email out (providers that keep
   * scope claims for userinfo), the userinfo endpoint's for the same subject.
   */
  private async claimsOf(configuration: client.Configuration, tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>): Promise<Claims> {
    const idToken = tokens.claims();
    if (!idToken) throw new OidcRefused('provider_error', NOT_CONFIRMED);
    if (idToken.email !== undefined) return idToken;
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub).catch(() => {
      throw new OidcRefused('provider_error', 'The sign-in provider did not share who you are. Please try again.');
    });
    return { ...userInfo, sub: idToken.sub };
  }

  /** The account of the provider's person: the one linked before, else the one of their verified email, else a new one. */
  private async accountFor(issuer: string, claims: Claims, info: ClientInfo): Promise<User> {
    const now = this.clock.now();
    const linked = await this.identities.find(issuer, claims.sub);
    if (linked) {
      await this.identities.recordUse(linked.id, now);
      const user = await this.users.findById(linked.user_id);
      if (user) return user;
    }
    if (typeof claims.email !== 'string' || claims.email === '') {
      throw new OidcRefused('email_missing', 'The sign-in provider did not share your email address, so Atelier cannot tell which account is yours.');
    }
    if (claims.email_verified !== true) {
      throw new OidcRefused('email_unverified',
        'The sign-in provider has not verified your email address. Verify it there, or sign in with your password.');
    }
    const email = normaliseEmail(claims.email);
    const user = (await this.users.findByEmail(email)) ?? (await this.createAccount(email, claims, info));
    await this.identities.insert({ id: newId(), user_id: user.id, issuer, subject: claims.sub, email, created_at: now, last_used_at: now });
    return user;
  }

  private async createAccount(email: string, claims: Claims, info: ClientInfo): Promise<User> {
    const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name : email.split('@')[0];
    const user = await this.auth.signupVerified({ email, name: name.slice(0, 100) }, 'oidc', info).catch((err: unknown) => {
      if (err instanceof AppError && err.code !== 'EMAIL_TAKEN') throw new OidcRefused('signup_refused', err.message);
      throw err;
    });
    await this.policy?.agreedAtSignup(user.id);
    return user;
  }

  private redirectUri(): string {
    return `${this.publicUrl}${CALLBACK_PATH}`;
  }

  /** The provider's metadata, discovered once (again after a failure, so a provider that was down is retried). */
  private provider(): Promise<client.Configuration> {
    this.discovered ??= client.discovery(new URL(this.config.issuer), this.config.clientId, this.config.clientSecret, undefined, {
      execute: isLoopbackHttp(this.config.issuer) ? [client.allowInsecureRequests] : [],
    }).catch(() => {
      this.discovered = undefined;
      throw new OidcRefused('provider_unreachable', 'The sign-in provider cannot be reached right now. Please try again later.');
    });
    return this.discovered;
  }
}

/** Plain http is allowed only to a provider on this machine (development and tests); anywhere else it must be https. */
function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
