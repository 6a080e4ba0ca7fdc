import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type AuthenticatorTransportFuture, type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Passkey, User } from '../../../db/schema.js';
import { AppError, notFound } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import { newId } from '../../../lib/ids.js';
import type { UserRepository } from '../repository.js';
import type { AuthService, ClientInfo, IssuedSession } from '../service.js';
import type { AnonymousCeremonyLimit, SignInChallenges } from '../sign-in-challenges.js';
import type { PasskeyRepository } from './repository.js';

/** Who the passkeys are for: the site's domain (RP id) and the origin the browser reports, from ATELIER_PUBLIC_URL. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyOf(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Atelier' };
}

/** A ceremony has this long between the options and the authenticator's answer. */
const CEREMONY_MS = 5 * 60_000;
/** Enough for every device a person owns; a bound, so one account cannot grow the table without end. */
export const MAX_PASSKEYS = 20;

const UNKNOWN_PASSKEY = 'This passkey is not registered with this Atelier. Sign in with your password, then add the passkey in Settings.';
const EXPIRED = 'This passkey request expired or was already used. Please try again.';

/** Passkeys (WebAuthn, discoverable credentials with user verification): register, name, remove, sign in. */
export class PasskeyService {
  constructor(
    private readonly passkeys: PasskeyRepository,
    private readonly challenges: SignInChallenges,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly rp: RelyingParty,
    private readonly anonymousStarts: AnonymousCeremonyLimit,
  ) {}

  list(userId: string): Promise<Passkey[]> {
    return this.passkeys.listForUser(userId);
  }

  async registrationOptions(user: User): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.passkeys.listForUser(user.id);
    if (existing.length >= MAX_PASSKEYS) {
      throw new AppError('CONFLICT', `You have ${MAX_PASSKEYS} passkeys, the most an account can have. Remove one you no longer use first.`);
    }
    const options = await generateRegistrationOptions({
      rpName: this.rp.name,
      rpID: this.rp.id,
      userName: user.email,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      timeout: CEREMONY_MS,
      excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p) })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    await this.challenges.issue('passkey_register', options.challenge, {}, CEREMONY_MS, user.id);
    return options;
  }

  async register(user: User, response: RegistrationResponseJSON, name: string): Promise<Passkey> {
    const challenge = challengeOf(response.response.clientDataJSON);
    if ((await this.challenges.take('passkey_register', challenge, user.id)) === undefined) throw new AppError('INVALID_STATE', EXPIRED);
    const result = await verifyRegistrationResponse({
      response, expectedChallenge: challenge, expectedOrigin: this.rp.origin, expectedRPID: this.rp.id, requireUserVerification: true,
    }).catch((err: Error) => rejected(err));
    if (!result.verified) rejected();
    const { credential, credentialBackedUp } = result.registrationInfo;
    if (await this.passkeys.findByCredentialId(credential.id)) {
      throw new AppError('CONFLICT', 'This passkey is already registered.');
    }
    const passkey: Passkey = {
      id: newId(),
      user_id: user.id,
      credential_id: credential.id,
      public_key: Buffer.from(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      backed_up: credentialBackedUp ? 1 : 0,
      name: name.trim(),
      created_at: this.clock.now(),
      last_used_at: null,
    };
    await this.passkeys.insert(passkey);
    return passkey;
  }

  async rename(userId: string, id: string, name: string): Promise<void> {
    if (!(await this.passkeys.rename(userId, id, name.trim()))) throw notFound('Passkey');
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.passkeys.delete(userId, id))) throw notFound('Passkey');
  }

  /** Options for a sign-in with any passkey of this site (discoverable credentials: no email asked first). */
  async loginOptions(client: ClientInfo): Promise<PublicKeyCredentialRequestOptionsJSON> {
    await this.anonymousStarts.take(client.ip);
    const options = await generateAuthenticationOptions({ rpID: this.rp.id, userVerification: 'required', timeout: CEREMONY_MS });
    await this.challenges.issue('passkey_login', options.challenge, {}, CEREMONY_MS);
    return options;
  }

  async login(response: AuthenticationResponseJSON, client: ClientInfo, previousToken?: string): Promise<IssuedSession> {
    const challenge = challengeOf(response.response.clientDataJSON);
    if ((await this.challenges.take('passkey_login', challenge)) === undefined) throw new AppError('INVALID_STATE', EXPIRED);
    const passkey = await this.passkeys.findByCredentialId(response.id);
    if (!passkey) throw new AppError('INVALID_CREDENTIALS', UNKNOWN_PASSKEY);
    // The authenticator names the account it holds the passkey for; it must be the passkey's owner.
    if (response.response.userHandle !== undefined && decodeUserHandle(response.response.userHandle) !== passkey.user_id) {
      throw new AppError('INVALID_CREDENTIALS', UNKNOWN_PASSKEY);
    }
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.rp.origin,
      expectedRPID: this.rp.id,
      credential: { id: passkey.credential_id, publicKey: new Uint8Array(passkey.public_key), counter: Number(passkey.counter), transports: transportsOf(passkey) },
      requireUserVerification: true,
    }).catch((err: Error) => rejected(err));
    if (!result.verified) rejected();
    const user = await this.users.findById(passkey.user_id);
    if (!user) throw new AppError('INVALID_CREDENTIALS', UNKNOWN_PASSKEY);
    const issued = await this.auth.startSession(user.id, client, { previousToken, method: 'passkey' });
    await this.passkeys.recordUse(passkey.id, result.authenticationInfo.newCounter, this.clock.now());
    return issued;
  }
}

/** The challenge the browser signed, read from its client data (which the library verifies against it next). */
function challengeOf(clientDataJSON: string): string {
  try {
    const challenge = (JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }).challenge;
    if (typeof challenge === 'string' && challenge.length > 0) return challenge;
  } catch {
    // answered below
  }
  throw new AppError('VALIDATION_FAILED', 'The passkey answer is not readable. Please try again.');
}

function decodeUserHandle(handle: string): string {
  return Buffer.from(handle, 'base64url').toString('utf8');
}

function transportsOf(passkey: Passkey): AuthenticatorTransportFuture[] {
  return JSON.parse(passkey.transports) as AuthenticatorTransportFuture[];
}

/** The authenticator's answer did not verify (wrong site, no user verification, bad signature). */
function rejected(_cause?: Error): never {
  throw new AppError('INVALID_CREDENTIALS', 'The passkey could not be verified for this site. Please try again, or use another sign-in method.');
}
