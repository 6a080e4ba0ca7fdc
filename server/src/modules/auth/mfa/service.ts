import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { AppError } from '../../../http/errors.js';
import type { Clock } from '../../../lib/clock.js';
import { randomToken, sha256Hex } from '../../../lib/ids.js';
import { open, seal } from '../../../lib/secret-box.js';
import type { Keyring } from '../../../storage/keyring.js';
import { verifyPassword } from '../password.js';
import { secondFactorBuckets, type AttemptLimiter, type Reservation } from '../attempt-limiter.js';
import type { AuditRepository, UserRepository } from '../repository.js';
import type { MfaRepository } from './repository.js';

const PERIOD_S = 30;

/** The sign-in a second factor completes. */
export type FirstFactor = 'password' | 'oidc';
const RECOVERY_CODES = 10;
/** How long a login whose password was right waits for its second factor. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export interface MfaOptions {
  issuer: string;
  /** Wrong codes per account within the limiter's window. */
  rateLimit: number;
  /** Counts wrong codes in the database, for every process (attempt-limiter.ts). */
  attempts: AttemptLimiter;
}

const wrongCode = () => new AppError('INVALID_CODE', 'That code is not right. Type the 6 digits your authenticator app shows now, or one of your recovery codes.', { field: 'code' });

function recoveryCode(): string {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const normaliseCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const recoveryId = (userId: string, code: string) => sha256Hex(`${userId}:${normaliseCode(code)}`);

/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift) with 10 single-use recovery codes.
 * The secret is sealed with the person's data key (erased with the account); codes are kept as hashes; a time
 * step is accepted once only. Wrong codes are limited per account like passwords.
 */
export class MfaService {
  constructor(
    private readonly repo: MfaRepository,
    private readonly keyring: Pick<Keyring, 'dataKeyFor'>,
    private readonly users: UserRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly opts: MfaOptions,
  ) {}

  async isOn(userId: string): Promise<boolean> {
    return (await this.repo.findTotp(userId))?.confirmed_at != null;
  }

  /** A new secret to scan; on only once confirmed with a code from it. */
  async enrol(userId: string, label: string): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = new Secret({ size: 20 });
    const sealed = seal(await this.keyring.dataKeyFor(userId), secret.base32);
    if (!(await this.repo.startEnrolment(userId, sealed, this.clock.now()))) {
      throw new AppError('INVALID_STATE', 'Two-step sign-in is already on. Turn it off first to set up a new authenticator.');
    }
    return { secret: secret.base32, otpauthUrl: this.totp(secret.base32, label).toString() };
  }

  /** Turns the factor on; returns the recovery codes, shown this once. */
  async confirm(userId: string, code: string): Promise<string[]> {
    const row = await this.repo.findTotp(userId);
    if (!row || row.confirmed_at !== null) throw new AppError('INVALID_STATE', 'Start the set-up of two-step sign-in first.');
    const attempt = await this.reserveCode(userId);
    const counter = await this.totpCounter(userId, row.secret, code);
    if (counter === null) throw wrongCode();
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    if (!(await this.repo.confirm(userId, counter, codes.map((c) => recoveryId(userId, c)), this.clock.now()))) {
      throw new AppError('INVALID_STATE', 'Two-step sign-in is already on.');
    }
    await attempt.succeeded();
    await this.audit.record({ userId, type: 'auth.mfa_enabled', ip: null, at: this.clock.now() });
    return codes;
  }

  /** Needs the password and a code (TOTP or recovery), so a stolen session alone cannot remove the factor. */
  async disable(userId: string, password: string, code: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || !(await this.isOn(userId))) throw new AppError('INVALID_STATE', 'Two-step sign-in is not on.');
    const attempt = await this.reserveCode(userId);
    if (!(await verifyPassword(user.password_hash, password))) {
      throw new AppError('PASSWORD_INCORRECT', 'That is not your current password; two-step sign-in stays on.', { field: 'password' });
    }
    if (!(await this.acceptCode(userId, code))) throw wrongCode();
    await attempt.succeeded();
    await this.repo.deleteForUser(userId);
    await this.audit.record({ userId, type: 'auth.mfa_disabled', ip: null, at: this.clock.now() });
  }

  /** Holds a login whose first factor (`method`) was right: the token goes into an httpOnly cookie. */
  async startChallenge(userId: string, method: FirstFactor): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await this.repo.insertChallenge({ id: sha256Hex(token), user_id: userId, method, created_at: now, expires_at: now + CHALLENGE_TTL_MS });
    return token;
  }

  /** The held login once `code` is right (its user and first factor); the challenge is spent. */
  async completeChallenge(token: string, code: string): Promise<{ userId: string; method: FirstFactor }> {
    const id = sha256Hex(token);
    const challenge = await this.repo.findChallenge(id, this.clock.now());
    if (!challenge) throw new AppError('UNAUTHENTICATED', 'This sign-in took too long or was finished already. Sign in again.');
    const userId = challenge.user_id;
    const attempt = await this.reserveCode(userId);
    if (!(await this.acceptCode(userId, code))) throw wrongCode();
    await attempt.succeeded();
    await this.repo.deleteChallenge(id);
    return { userId, method: challenge.method === 'oidc' ? 'oidc' : 'password' };
  }

  dropChallenges(userId: string): Promise<number> {
    return this.repo.deleteChallengesOf(userId);
  }

  private async acceptCode(userId: string, code: string): Promise<boolean> {
    if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      const row = await this.repo.findTotp(userId);
      if (!row || row.confirmed_at === null) return false;
      const counter = await this.totpCounter(userId, row.secret, code);
      return counter !== null && (await this.repo.advanceCounter(userId, counter));
    }
    return this.repo.useRecoveryCode(userId, recoveryId(userId, code), this.clock.now());
  }

  /** The time step the code belongs to, or null when it matches none within one step of now. */
  private async totpCounter(userId: string, sealed: Buffer, code: string): Promise<number | null> {
    const secret = open(await this.keyring.dataKeyFor(userId), sealed);
    const now = this.clock.now();
    const delta = this.totp(secret, '').validate({ token: code.replace(/\s/g, ''), timestamp: now, window: 1 });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD_S) + delta;
  }

  private totp(base32: string, label: string): TOTP {
    return new TOTP({ issuer: this.opts.issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(base32) });
  }

  /** Counts a code (and the password asked with it) against the account before it is checked; a right one clears. */
  private reserveCode(userId: string): Promise<Reservation> {
    return this.opts.attempts.reserve(secondFactorBuckets(userId, this.opts.rateLimit), 'wrong codes');
  }
}
