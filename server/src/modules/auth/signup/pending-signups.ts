import { AppError } from '../../../http/errors.js';
import type { BackgroundWork } from '../../../lib/background-work.js';
import type { Clock } from '../../../lib/clock.js';
import { randomToken, sha256Hex } from '../../../lib/ids.js';
import type { Language } from '../../../lib/language.js';
import type { AttemptLimiter, Bucket } from '../attempt-limiter.js';
import type { UserRepository } from '../repository.js';
import type { PendingSignup, PendingSignupRepository } from './pending-signup-repository.js';

export const SIGNUP_LINK_VALID_HOURS = 48;

/** Sign-up emails per address and hour: a person can ask again, nobody can flood a mailbox with them. */
const signupEmailBucket = (email: string): Bucket =>
  ({ key: `signup-email|${email}`, limit: 5, windowMs: 60 * 60_000, progressive: false, clearedBySuccess: false });

/** The emails of an email-first sign-up (privacy/outbox AccountNotices). */
export interface SignupNoticePort {
  /** To an address with no account: the link that finishes the sign-up. */
  signupLink(to: { name: string; email: string; language: Language }, link: { token: string; validHours: number }): Promise<void>;
  /** To the owner of an address that has an account: someone tried to sign up with it. */
  signupAttempted(to: { userId: string; name: string; email: string }): Promise<void>;
}

const invalidLink = () => new AppError('INVALID_TOKEN',
  'This sign-up link does not work any more: it was used already, has expired or is incomplete. Sign up again to get a new one.');

/**
 * Email-first sign-up (ADR 0026): a sign-up on an open server makes no account. It is answered at once, the same
 * for every address; after the answer, the address gets either a link that finishes the sign-up or, when it has an
 * account already, a notice to its owner. Only the link's sha256 is stored, with the name and password hash.
 */
export class PendingSignups {
  constructor(
    private readonly repo: PendingSignupRepository,
    private readonly users: UserRepository,
    private readonly notices: SignupNoticePort,
    private readonly attempts: AttemptLimiter,
    private readonly background: BackgroundWork,
    private readonly clock: Clock,
  ) {}

  /** Returns before anything is looked up, so that neither the answer nor its timing depends on the address. */
  request(input: { email: string; name: string; passwordHash: string; language: Language }): void {
    this.background.run(() => this.emailAddress(input));
  }

  /** The sign-up of a link that works; its link is not spent yet (see consume). */
  async find(token: string): Promise<PendingSignup> {
    const found = await this.repo.findUsable(sha256Hex(token), this.clock.now());
    if (!found) throw invalidLink();
    return found;
  }

  /** Spends the link of `found`; throws when another request spent it first. */
  async consume(found: PendingSignup): Promise<void> {
    if (!(await this.repo.consume(found.id))) throw invalidLink();
    await this.repo.deleteForEmail(found.email);
  }

  deleteExpired(): Promise<number> {
    return this.repo.deleteExpiredBefore(this.clock.now());
  }

  private async emailAddress(input: { email: string; name: string; passwordHash: string; language: Language }): Promise<void> {
    if (!(await this.attempts.tryReserve([signupEmailBucket(input.email)]))) return;
    const owner = await this.users.findByEmail(input.email);
    if (owner) return this.notices.signupAttempted({ userId: owner.id, name: owner.name, email: owner.email });
    const token = randomToken();
    const now = this.clock.now();
    await this.repo.insert({
      id: sha256Hex(token), email: input.email, name: input.name, password_hash: input.passwordHash,
      created_at: now, expires_at: now + SIGNUP_LINK_VALID_HOURS * 3_600_000, language: input.language,
    });
    await this.notices.signupLink({ name: input.name, email: input.email, language: input.language }, { token, validHours: SIGNUP_LINK_VALID_HOURS });
  }
}
