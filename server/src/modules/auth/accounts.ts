import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { BackgroundWork } from '../../lib/background-work.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../storage/keyring.js';
import { AdminUserRepository } from './admin/repository.js';
import { AdminUsersService, type AdminPorts } from './admin/service.js';
import { MfaRepository } from './mfa/repository.js';
import { MfaService } from './mfa/service.js';
import { AccountTokenRepository } from './recovery/account-token-repository.js';
import { RecoveryService, type RecoveryNoticePort } from './recovery/service.js';
import { AuditRepository, SessionRepository, type UserRepository } from './repository.js';
import { AuthService, type AccountNoticePort, type AuthOptions, type PendingDeletionPort } from './service.js';
import { InvitationRepository } from './signup/invitation-repository.js';
import { PendingSignupRepository } from './signup/pending-signup-repository.js';
import { PendingSignups, type SignupNoticePort } from './signup/pending-signups.js';
import { SignupGate } from './signup/signup-gate.js';

export interface AccountsDeps {
  config: Config;
  db: Db;
  clock: Clock;
  keyring: Pick<Keyring, 'dataKeyFor'>;
  users: UserRepository;
  sessions: SessionRepository;
  pendingDeletion?: PendingDeletionPort;
  notices: AccountNoticePort & RecoveryNoticePort & SignupNoticePort;
  /** The database-backed password-check limits and the live streams to close when sessions end. */
  signIn: Pick<AuthOptions, 'attempts' | 'streams'>;
  /** What the admin console reaches in other modules (work cancellation, deletion). */
  admin: Omit<AdminPorts, 'revokeAllCredentials' | 'sendVerification'>;
}

/**
 * Sign-in and account life: AuthService, password reset and email verification, sign-up policy and invitations,
 * second factors and the admin console, built once by createServices (ADR 0015).
 */
export class Accounts {
  readonly auth: AuthService;
  readonly recovery: RecoveryService;
  readonly mfa: MfaService;
  readonly signupGate: SignupGate;
  readonly pendingSignups: PendingSignups;
  readonly admin: AdminUsersService;
  /** Emails sent after a request was answered (password reset); tests wait on it. */
  readonly background = new BackgroundWork((err) => console.error('accounts:', err));

  private readonly tokens: AccountTokenRepository;
  private readonly mfaRepo: MfaRepository;

  constructor(private readonly d: AccountsDeps) {
    const audit = new AuditRepository(d.db);
    this.tokens = new AccountTokenRepository(d.db);
    this.mfaRepo = new MfaRepository(d.db);
    this.mfa = new MfaService(this.mfaRepo, d.keyring, d.users, audit, d.clock, {
      issuer: 'Atelier', rateLimit: d.config.loginRateLimit, attempts: d.signIn.attempts,
    });
    this.signupGate = new SignupGate(d.config.accounts, d.users, new InvitationRepository(d.db), d.clock, d.config.privacy.publicUrl);
    const credentials = { revokeAllCredentials: (userId: string) => this.auth.revokeAllCredentials(userId) };
    this.recovery = new RecoveryService(d.users, this.tokens, audit, credentials, d.notices, this.background, d.clock, d.signIn.attempts);
    this.pendingSignups = new PendingSignups(new PendingSignupRepository(d.db), d.users, d.notices, d.signIn.attempts, this.background, d.clock);
    this.auth = new AuthService(d.users, d.sessions, audit, d.clock, { ...d.config, ...d.signIn }, d.pendingDeletion, d.notices, {
      signupGate: this.signupGate, verification: this.recovery, pendingSignups: this.pendingSignups, mfa: this.mfa,
    });
    this.admin = new AdminUsersService(new AdminUserRepository(d.db), d.users, audit, {
      ...d.admin, revokeAllCredentials: credentials.revokeAllCredentials, sendVerification: (user) => this.recovery.sendVerification(user),
    }, d.clock);
  }

  /** Daily maintenance: email links, waiting sign-ups and half-done logins past their expiry go; returns how many. */
  async deleteExpired(): Promise<number> {
    const now = this.d.clock.now();
    return (await this.tokens.deleteExpiredBefore(now)) + (await this.pendingSignups.deleteExpired()) + (await this.mfaRepo.deleteExpiredChallenges(now));
  }
}
