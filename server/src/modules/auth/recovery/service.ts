import type { AccountTokenPurpose, User } from '../../../db/schema.js';
import { AppError } from '../../../http/errors.js';
import type { BackgroundWork } from '../../../lib/background-work.js';
import type { Clock } from '../../../lib/clock.js';
import { randomToken, sha256Hex } from '../../../lib/ids.js';
import { hashPassword } from '../password.js';
import type { AttemptLimiter, Bucket } from '../attempt-limiter.js';
import type { AuditRepository, UserRepository } from '../repository.js';
import { assertPasswordStrength, normaliseEmail } from '../service.js';
import type { AccountTokenRepository } from './account-token-repository.js';

export const RESET_VALID_MINUTES = 30;
export const VERIFY_VALID_HOURS = 48;
/** Reset emails per address and hour: enough for a person, too few to flood their mailbox. */
const resetEmailBucket = (email: string): Bucket =>
  ({ key: `reset-email|${email}`, limit: 5, windowMs: 60 * 60_000, progressive: false, clearedBySuccess: false });

interface Recipient {
  userId: string;
  name: string;
  email: string;
}

/** The emails this service asks for (privacy/outbox AccountNotices). */
export interface RecoveryNoticePort {
  passwordResetLink(to: Recipient, link: { token: string; validMinutes: number }): Promise<void>;
  verifyEmailLink(to: Recipient, link: { token: string; validHours: number }): Promise<void>;
  passwordChanged(to: Recipient): Promise<void>;
}

/** What a password reset does to the account's sign-ins (AuthService.revokeAllCredentials). */
export interface CredentialRevoker {
  revokeAllCredentials(userId: string): Promise<number>;
}

const invalidLink = (what: string) =>
  new AppError('INVALID_TOKEN', `This ${what} link does not work any more: it was used already, has expired or is incomplete. Ask for a new one.`);

/**
 * Password reset and email verification by single-use links. Only the sha256 of a link's token is stored, and the
 * link names the address it was sent to: it stops working when the account's address changes.
 */
export class RecoveryService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly audit: AuditRepository,
    private readonly credentials: CredentialRevoker,
    private readonly notices: RecoveryNoticePort,
    private readonly background: BackgroundWork,
    private readonly clock: Clock,
    /** Counts reset emails in the database, for every process. */
    private readonly attempts: AttemptLimiter,
  ) {}

  /**
   * Answers at once, whether or not the address has an account: the lookup and the email happen after the
   * answer, so neither its content nor its timing tells the two apart.
   */
  requestPasswordReset(email: string): void {
    const address = normaliseEmail(email);
    this.background.run(() => this.sendResetLink(address));
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const id = sha256Hex(token);
    const now = this.clock.now();
    const found = await this.tokens.findUsable(id, 'password_reset', now);
    const user = found && (await this.users.findById(found.user_id));
    if (!found || !user || user.email !== found.email) throw invalidLink('password reset');
    assertPasswordStrength(password, user.email); // before the link is spent, so a weak password can be corrected
    if (!(await this.tokens.consume(id, 'password_reset', now))) throw invalidLink('password reset');
    // Opening the link proved the address the person's.
    await this.users.update(user.id, { password_hash: await hashPassword(password), email_verified_at: user.email_verified_at ?? now, updated_at: now });
    await this.tokens.revokeForUser(user.id, 'password_reset', now);
    await this.credentials.revokeAllCredentials(user.id);
    await this.audit.record({ userId: user.id, type: 'auth.password_reset', ip: null, at: now });
    await this.notices.passwordChanged({ userId: user.id, name: user.name, email: user.email });
  }

  /** Sends a verification link to the account's current address (sign-up, email change, a request to resend). */
  async sendVerification(user: Pick<User, 'id' | 'name' | 'email'>): Promise<void> {
    const token = await this.issue(user, 'verify_email', VERIFY_VALID_HOURS * 60 * 60_000);
    await this.notices.verifyEmailLink({ userId: user.id, name: user.name, email: user.email }, { token, validHours: VERIFY_VALID_HOURS });
  }

  async verifyEmail(token: string): Promise<void> {
    const id = sha256Hex(token);
    const now = this.clock.now();
    const found = await this.tokens.findUsable(id, 'verify_email', now);
    const user = found && (await this.users.findById(found.user_id));
    if (!found || !user || user.email !== found.email || !(await this.tokens.consume(id, 'verify_email', now))) {
      throw invalidLink('verification');
    }
    await this.users.update(user.id, { email_verified_at: now, updated_at: now });
    await this.audit.record({ userId: user.id, type: 'auth.email_verified', ip: null, at: now });
  }

  private async sendResetLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || !(await this.attempts.tryReserve([resetEmailBucket(email)]))) return;
    const token = await this.issue(user, 'password_reset', RESET_VALID_MINUTES * 60_000);
    await this.notices.passwordResetLink({ userId: user.id, name: user.name, email: user.email }, { token, validMinutes: RESET_VALID_MINUTES });
  }

  private async issue(user: Pick<User, 'id' | 'email'>, purpose: AccountTokenPurpose, validMs: number): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await this.tokens.insert({ id: sha256Hex(token), user_id: user.id, purpose, email: user.email, created_at: now, expires_at: now + validMs, used_at: null });
    return token;
  }
}
