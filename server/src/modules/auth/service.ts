import type { Session, User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { newId, randomToken, sha256Hex } from '../../lib/ids.js';
import { DEFAULT_LANGUAGE, type Language } from '../../lib/language.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
import type { PendingSignup } from './signup/pending-signup-repository.js';
import type { Admission } from './signup/signup-gate.js';
import { loginBuckets, recheckBuckets, type AttemptLimiter } from './attempt-limiter.js';
import type { AuditRepository, SessionRepository, UserRepository } from './repository.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  token: string;
  csrfToken: string;
  session: Session;
  user: User;
  /** True when this login withdrew the account's pending deletion. */
  deletionCanceled?: boolean;
}

/** An open sign-up's answer: nothing to sign in to yet; the address was emailed (ADR 0026). */
export interface SignupPending {
  pending: true;
}

/** Withdraws a pending account deletion when its owner logs in during the grace period (privacy/deletion). */
export interface PendingDeletionPort {
  cancelOnLogin(userId: string): Promise<boolean>;
}

/** Security notices to the person (privacy/outbox): an email change is announced to the old address. */
export interface AccountNoticePort {
  emailChanged(change: { userId: string; name: string; oldEmail: string; newEmail: string }): Promise<void>;
  passwordChanged(to: { userId: string; name: string; email: string }): Promise<void>;
}

/** A login whose password was right, waiting for the second factor (POST /auth/login/mfa). */
export interface MfaPending {
  mfaRequired: true;
  /** Goes into an httpOnly cookie; the server keeps only its hash. */
  challengeToken: string;
}

/** Who may sign up (ATELIER_SIGNUP, invitations): throws a 403 the person can act on, or admits. */
export interface SignupGatePort {
  admit(email: string, invitationToken: string | undefined): Promise<Admission>;
}

/** Email-first sign-up: the emails after the answer, and the links that finish it (signup/pending-signups.ts). */
export interface PendingSignupPort {
  request(input: { email: string; name: string; passwordHash: string; language: Language }): void;
  find(token: string): Promise<PendingSignup>;
  consume(found: PendingSignup): Promise<void>;
}

/** The second factor of an account (auth/mfa). */
export interface SecondFactorPort {
  isOn(userId: string): Promise<boolean>;
  startChallenge(userId: string, method: 'password' | 'oidc'): Promise<string>;
  dropChallenges(userId: string): Promise<number>;
}

/** The accounts features wired in by createServices; each optional so the core service stands alone. */
export interface AccountPorts {
  signupGate?: SignupGatePort;
  /** Sends a verification link to the account's current address. */
  verification?: { sendVerification(user: Pick<User, 'id' | 'name' | 'email'>): Promise<void> };
  /** Open sign-ups waiting for their emailed link (signup/pending-signups.ts). */
  pendingSignups?: PendingSignupPort;
  mfa?: SecondFactorPort;
}

/** How a person proved who they are; recorded with the login. */
export type SignInMethod = 'password' | 'password+totp' | 'passkey' | 'oidc' | 'oidc+totp';

export interface AuthOptions {
  sessionTtlDays: number;
  loginRateLimit: number;
  /** Password checks, counted in the database for every process (attempt-limiter.ts). */
  attempts: AttemptLimiter;
  /** Closes the live streams of ended sessions, in every process (events/live-streams.ts). */
  streams?: SessionStreamsPort;
}

export interface SessionStreamsPort {
  closeSessions(userId: string, sessionIds: string[]): void;
  closeAllForUser(userId: string, exceptSessionId?: string): void;
}

const NO_CLIENT: ClientInfo = { ip: null, userAgent: null };

/** What a sign-up makes an account from. */
interface NewAccountInput {
  email: string;
  name: string;
  passwordHash: string;
  /** The sign-up proved the address (an emailed link, a provider that verified it). */
  verified: boolean;
  language?: Language;
}

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  preferences: { embedPromptInImages: boolean; watermarkByDefault: boolean };
  createdAt: string;
  emailVerified: boolean;
  language: Language;
}

export function toPublicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    preferences: { embedPromptInImages: u.embed_prompt === 1, watermarkByDefault: u.watermark_default === 1 },
    createdAt: new Date(u.created_at).toISOString(),
    emailVerified: u.email_verified_at !== null,
    language: u.language,
  };
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** How often an active session's expiry is pushed forward (avoids a write on every request). */
const TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly opts: AuthOptions,
    private readonly pendingDeletion?: PendingDeletionPort,
    private readonly notices?: AccountNoticePort,
    private readonly ports: AccountPorts = {},
  ) {}

  /**
   * Sign-up (ADR 0026). The first account (the administrator) and an invited one are made at once and signed in. An
   * open sign-up makes nothing yet: it answers `{ pending: true }` for every address, and the address is emailed
   * after the answer, a link that finishes the sign-up (confirmSignup) or, when it has an account, a notice to its
   * owner. So the answer does not tell who has an account here.
   */
  async signup(input: { email: string; password: string; name: string; invitation?: string; language?: Language }, client: ClientInfo,
  ): Promise<IssuedSession | SignupPending> {
    const email = normaliseEmail(input.email);
    assertPasswordStrength(input.password, email);
    const admit = () => this.admit(email, input.invitation);
    const admitted = await admit();
    const passwordHash = await hashPassword(input.password);
    const language = input.language ?? DEFAULT_LANGUAGE;
    const account = { email, name: input.name, passwordHash, verified: false, language };
    const settled = await this.firstOrAdmitted(admitted, admit, account, client);
    if ('first' in settled) return this.welcome(settled.first, client);
    const { admission } = settled;
    const pending = this.ports.pendingSignups;
    if (pending && admission?.by !== 'first_run' && admission?.by !== 'invitation') {
      pending.request({ email, name: input.name.trim(), passwordHash, language });
      return { pending: true };
    }
    const user = await this.newAccount(account, client);
    await admission?.accepted(user.id);
    return this.welcome(user, client);
  }

  /** A new account made at once (the first, an invited one): its address is asked to verify, and it is signed in. */
  private async welcome(user: User, client: ClientInfo): Promise<IssuedSession> {
    await this.ports.verification?.sendVerification(user);
    return this.issue(user, client);
  }

  private async admit(email: string, invitation: string | undefined): Promise<Admission | undefined> {
    return this.ports.signupGate?.admit(email, invitation);
  }

  /**
   * On a server with no account, the first sign-up to be written becomes the administrator, in a transaction that
   * makes it only while there is still no account. The sign-ups admitted as first at the same moment lost that race:
   * they are admitted again (`readmit`), under the sign-up policy. Answers the administrator, or the admission to go on with.
   */
  private async firstOrAdmitted(admission: Admission | undefined, readmit: () => Promise<Admission | undefined>, input: NewAccountInput,
    client: ClientInfo, method?: SignInMethod): Promise<{ first: User } | { admission?: Admission }> {
    if (admission?.by !== 'first_run') return { admission };
    const now = this.clock.now();
    const first = await this.users.insertIfFirst(this.newUserRow(input, now));
    if (first) return { first: await this.recordNewAccount(first, input, client, now, method) };
    return { admission: await readmit() };
  }

  /**
   * Finishes an open sign-up from its emailed link: opening it proved the address, and the password chosen at
   * sign-up proves it is the same person (a link sent by someone else's sign-up with this address is of no use).
   */
  async confirmSignup(token: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const pending = this.ports.pendingSignups;
    if (!pending) throw new AppError('NOT_FOUND', 'Sign-up by email link is not used on this server.');
    const signup = await pending.find(token);
    const ok = await this.opts.attempts.check(recheckBuckets(`signup:${signup.id}`, client.ip, this.opts.loginRateLimit), 'wrong passwords',
      () => verifyPassword(signup.password_hash, password));
    if (!ok) throw new AppError('INVALID_CREDENTIALS', 'That is not the password you chose when you signed up.', { field: 'password' });
    const admit = () => this.admit(signup.email, undefined); // the policy may have changed since
    const admission = await admit();
    await pending.consume(signup);
    const user = await this.newAdmittedAccount(admission, admit, {
      email: signup.email, name: signup.name, passwordHash: signup.password_hash, verified: true, language: signup.language,
    }, client);
    return this.issue(user, client);
  }

  /**
   * An account for a person whose email another service verified (OpenID Connect), under the same sign-up policy
   * as `signup`. It has no usable password: a random one nobody knows is hashed in its place.
   */
  async signupVerified(input: { email: string; name: string; language?: Language }, method: SignInMethod, client: ClientInfo): Promise<User> {
    const email = normaliseEmail(input.email);
    const admit = () => this.admit(email, undefined);
    const admission = await admit();
    return this.newAdmittedAccount(admission, admit,
      { email, name: input.name, passwordHash: await hashPassword(randomToken()), verified: true, language: input.language }, client, method);
  }

  /** The account of an admitted sign-up: the administrator when it is still the first (firstOrAdmitted), else under its admission. */
  private async newAdmittedAccount(admitted: Admission | undefined, readmit: () => Promise<Admission | undefined>, input: NewAccountInput,
    client: ClientInfo, method?: SignInMethod): Promise<User> {
    const settled = await this.firstOrAdmitted(admitted, readmit, input, client, method);
    if ('first' in settled) return settled.first;
    const user = await this.newAccount(input, client, method);
    await settled.admission?.accepted(user.id);
    return user;
  }

  /**
   * Makes the account. A taken address is said so: each caller's person proved the address (an email link, a
   * provider) or was let in by name (the first account, an invitation, spent by this attempt).
   */
  private async newAccount(input: NewAccountInput, client: ClientInfo, method?: SignInMethod): Promise<User> {
    const now = this.clock.now();
    const user = (await this.users.findByEmail(input.email)) ? undefined : await this.insertAccount(input, now);
    if (!user) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Log in instead, or use another email.', { field: 'email' });
    return this.recordNewAccount(user, input, client, now, method);
  }

  /** After the insert: the address verified when the sign-up proved it, and the sign-up in the security log. */
  private async recordNewAccount(user: User, input: NewAccountInput, client: ClientInfo, now: number, method?: SignInMethod): Promise<User> {
    if (input.verified) await this.users.update(user.id, { email_verified_at: now });
    await this.audit.record({ userId: user.id, type: 'auth.signup', ip: client.ip, detail: method, at: now });
    return this.requireUser(user.id);
  }

  private newUserRow(input: NewAccountInput, now: number) {
    return {
      id: newId(), email: input.email, name: input.name.trim(), password_hash: input.passwordHash, status: 'active' as const, created_at: now, updated_at: now,
      language: input.language ?? DEFAULT_LANGUAGE,
    };
  }

  /** The new account, or undefined when a concurrent sign-up took the address first. */
  private async insertAccount(input: NewAccountInput, now: number): Promise<User | undefined> {
    try {
      return await this.users.insertFirstIsAdmin(this.newUserRow(input, now));
    } catch (err) {
      const raced = String((err as Error).message).includes('UNIQUE') || String((err as Error).message).includes('unique');
      if (raced && (await this.users.findByEmail(input.email))) return undefined;
      throw err;
    }
  }

  async login(input: { email: string; password: string }, client: ClientInfo, previousToken?: string): Promise<IssuedSession | MfaPending> {
    const email = normaliseEmail(input.email);
    const user = await this.users.findByEmail(email);
    const ok = await this.opts.attempts.check(loginBuckets(email, client.ip, this.opts.loginRateLimit), 'sign-in attempts',
      () => (user ? verifyPassword(user.password_hash, input.password) : burnPasswordCheck(input.password)));
    const now = this.clock.now();
    if (!user || !ok) {
      await this.audit.record({ userId: user?.id ?? null, type: 'auth.login_failed', ip: client.ip, at: now });
      throw new AppError('INVALID_CREDENTIALS', 'The email or password is not right.');
    }
    return this.afterFirstFactor(user, 'password', client, previousToken);
  }

  /**
   * A first factor (the password, or the OpenID Connect provider) proved the person: the second factor when the
   * account has one on, else the session. A passkey is both factors at once and goes to startSession directly.
   */
  async afterFirstFactor(user: User, method: 'password' | 'oidc', client: ClientInfo, previousToken?: string): Promise<IssuedSession | MfaPending> {
    assertMaySignIn(user);
    if (await this.ports.mfa?.isOn(user.id)) {
      await this.audit.record({ userId: user.id, type: 'auth.login_mfa_pending', ip: client.ip, detail: method, at: this.clock.now() });
      return { mfaRequired: true, challengeToken: await this.ports.mfa!.startChallenge(user.id, method) };
    }
    return this.startSession(user.id, client, { previousToken, method });
  }

  /**
   * The one way a sign-in becomes a session, whatever proved the person (password, second factor, passkey,
   * OpenID Connect): suspended and disabled accounts are refused, a pending deletion is withdrawn, the browser's
   * previous session is dropped (rotation), and the login is recorded.
   */
  async startSession(userId: string, client: ClientInfo, opts: { previousToken?: string; method: SignInMethod }): Promise<IssuedSession> {
    let user = await this.requireUser(userId);
    assertMaySignIn(user);
    const deletionCanceled = user.status === 'pending_deletion' && (await this.pendingDeletion?.cancelOnLogin(user.id)) === true;
    if (deletionCanceled) user = await this.requireUser(user.id);
    if (user.status !== 'active') {
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
    }
    if (opts.previousToken) await this.sessions.delete(sha256Hex(opts.previousToken));
    await this.audit.record({ userId: user.id, type: 'auth.login', ip: client.ip, detail: opts.method, at: this.clock.now() });
    const issued = await this.issue(user, client);
    return deletionCanceled ? { ...issued, deletionCanceled } : issued;
  }

  /**
   * Signs the account out everywhere: every session and half-done login, and every further credential registered
   * with addCredentialRevoker (API tokens). Password reset, suspension. Returns how many were revoked.
   */
  async revokeAllCredentials(userId: string): Promise<number> {
    let revoked = await this.sessions.deleteForUser(userId);
    this.opts.streams?.closeAllForUser(userId);
    revoked += (await this.ports.mfa?.dropChallenges(userId)) ?? 0;
    for (const revoke of this.credentialRevokers) revoked += await revoke(userId);
    return revoked;
  }

  /** Another kind of credential (API tokens) that revokeAllCredentials must revoke too. */
  addCredentialRevoker(revoke: (userId: string) => Promise<number>): void {
    this.credentialRevokers.push(revoke);
  }

  private readonly credentialRevokers: Array<(userId: string) => Promise<number>> = [];

  async logout(token: string): Promise<void> {
    const found = await this.sessions.findWithUser(sha256Hex(token));
    await this.sessions.delete(sha256Hex(token));
    if (found) this.opts.streams?.closeSessions(found.session.user_id, [found.session.id]);
  }

  /** Resolves a session token to its user, sliding its expiry forward; undefined when invalid or expired. */
  async authenticate(token: string): Promise<{ user: User; session: Session } | undefined> {
    const found = await this.sessions.findWithUser(sha256Hex(token));
    if (!found) return undefined;
    const { session, user } = found;
    const now = this.clock.now();
    if (session.expires_at <= now) {
      await this.sessions.delete(session.id);
      return undefined;
    }
    if (!user || user.status !== 'active') return undefined;
    if (now - session.last_seen_at > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(session.id, now, now + this.opts.sessionTtlDays * DAY_MS);
    }
    return { user, session };
  }

  async updateProfile(userId: string, patch: { name?: string; email?: string; currentPassword?: string; language?: Language;
    embedPromptInImages?: boolean; watermarkByDefault?: boolean }, client: ClientInfo = NO_CLIENT): Promise<User> {
    const user = await this.requireUser(userId);
    const update: Record<string, unknown> = {};
    if (patch.name !== undefined) update.name = patch.name.trim();
    if (patch.language !== undefined) update.language = patch.language;
    if (patch.embedPromptInImages !== undefined) update.embed_prompt = patch.embedPromptInImages ? 1 : 0;
    if (patch.watermarkByDefault !== undefined) update.watermark_default = patch.watermarkByDefault ? 1 : 0;
    if (patch.email !== undefined && normaliseEmail(patch.email) !== user.email) {
      const current = patch.currentPassword;
      if (!current || !(await this.recheckPassword(user, current, client))) {
        throw new AppError('INVALID_CREDENTIALS', 'Changing your email needs your current password.', { field: 'currentPassword' });
      }
      const email = normaliseEmail(patch.email);
      if (await this.users.findByEmail(email)) {
        throw new AppError('EMAIL_TAKEN', 'Another account already uses this email.', { field: 'email' });
      }
      update.email = email;
      update.email_verified_at = null;
    }
    if (Object.keys(update).length > 0) {
      await this.users.update(userId, { ...update, updated_at: this.clock.now() });
    }
    if (typeof update.email === 'string') {
      await this.notices?.emailChanged({ userId, name: user.name, oldEmail: user.email, newEmail: update.email });
      await this.ports.verification?.sendVerification({ id: userId, name: user.name, email: update.email });
    }
    return this.requireUser(userId);
  }

  /** Changes the password and signs out every other session. */
  async changePassword(userId: string, currentSessionId: string, current: string, next: string, client: ClientInfo = NO_CLIENT): Promise<number> {
    const user = await this.requireUser(userId);
    if (!(await this.recheckPassword(user, current, client))) {
      throw new AppError('INVALID_CREDENTIALS', 'The current password is not right.', { field: 'currentPassword' });
    }
    assertPasswordStrength(next, user.email);
    const now = this.clock.now();
    await this.users.update(userId, { password_hash: await hashPassword(next), updated_at: now });
    const revoked = await this.sessions.deleteForUser(userId, currentSessionId);
    this.opts.streams?.closeAllForUser(userId, currentSessionId);
    await this.audit.record({ userId, type: 'auth.password_changed', ip: null, at: now });
    await this.notices?.passwordChanged({ userId, name: user.name, email: user.email });
    return revoked;
  }

  async deleteExpiredSessions(): Promise<number> {
    await this.opts.attempts.deleteExpired();
    return this.sessions.deleteExpired(this.clock.now());
  }

  listSessions(userId: string): Promise<Session[]> {
    return this.sessions.listForUser(userId);
  }

  async revokeSession(userId: string, sessionPublicId: string): Promise<void> {
    const list = await this.sessions.listForUser(userId);
    const target = list.find((s) => publicSessionId(s) === sessionPublicId);
    if (!target) throw new AppError('NOT_FOUND', 'Session not found');
    await this.sessions.delete(target.id);
    this.opts.streams?.closeSessions(userId, [target.id]);
  }

  /** The password asked again of a signed-in person, within the same limits as signing in (per account and client). */
  recheckPassword(user: User, password: string, client: ClientInfo): Promise<boolean> {
    return this.opts.attempts.check(recheckBuckets(user.id, client.ip, this.opts.loginRateLimit), 'wrong passwords',
      () => verifyPassword(user.password_hash, password));
  }

  private async requireUser(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', 'User not found');
    return user;
  }

  private async issue(user: User, client: ClientInfo): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = this.clock.now();
    const session: Session = {
      id: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.opts.sessionTtlDays * DAY_MS,
      ip: client.ip,
      user_agent: client.userAgent,
    };
    await this.sessions.insert(session);
    return { token, csrfToken, session, user };
  }
}

/** The id a person sees for a session: derived from, but not revealing, the stored token hash. */
export const publicSessionId = (s: Session): string => sha256Hex(`public:${s.id}`).slice(0, 24);

/** A suspended account answers why, once its password (or other proof) was right. */
export function assertMaySignIn(user: Pick<User, 'status' | 'suspension_reason'>): void {
  if (user.status !== 'suspended') return;
  const reason = user.suspension_reason ? ` Reason: ${user.suspension_reason}` : '';
  throw new AppError('ACCOUNT_SUSPENDED', `This account is suspended by the people who run this Atelier server.${reason} Contact them to have it restored.`);
}

export function assertPasswordStrength(password: string, email: string): void {
  if (password.length < 10) {
    throw new AppError('VALIDATION_FAILED', 'The password needs at least 10 characters.', { field: 'password' });
  }
  if (password.toLowerCase() === email.toLowerCase()) {
    throw new AppError('VALIDATION_FAILED', 'The password cannot be your email address.', { field: 'password' });
  }
}
