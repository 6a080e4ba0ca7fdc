import type { Session, User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { newId, randomToken, sha256Hex } from '../../lib/ids.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
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

/** Withdraws a pending account deletion when its owner logs in during the grace period (privacy/deletion). */
export interface PendingDeletionPort {
  cancelOnLogin(userId: string): Promise<boolean>;
}

/** Security notices to the person (privacy/outbox): an email change is announced to the old address. */
export interface AccountNoticePort {
  emailChanged(change: { userId: string; name: string; oldEmail: string; newEmail: string }): Promise<void>;
  passwordChanged(to: { userId: string; name: string; email: string }): Promise<void>;
}

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

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  preferences: { embedPromptInImages: boolean; watermarkByDefault: boolean };
  createdAt: string;
}

export function toPublicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    preferences: { embedPromptInImages: u.embed_prompt === 1, watermarkByDefault: u.watermark_default === 1 },
    createdAt: new Date(u.created_at).toISOString(),
  };
}

const NO_CLIENT: ClientInfo = { ip: null, userAgent: null };

/** How a person proved who they are; the security log names it for every method but the password. */
export type SignInMethod = 'password' | 'passkey' | 'oidc';

const methodDetail = (method: SignInMethod) => (method === 'password' ? {} : { detail: method });

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
  ) {}

  async signup(input: { email: string; password: string; name: string }, client: ClientInfo): Promise<IssuedSession> {
    const email = normaliseEmail(input.email);
    assertPasswordStrength(input.password, email);
    const user = await this.createAccount({ email, name: input.name, passwordHash: await hashPassword(input.password) }, client, 'password');
    return this.issue(user, client);
  }

  /**
   * An account for a person whose email another service verified (OpenID Connect), under the same sign-up rules as
   * `signup`. It has no usable password: a random one nobody knows is hashed in its place.
   */
  async signupVerified(input: { email: string; name: string }, method: SignInMethod, client: ClientInfo): Promise<User> {
    return this.createAccount({ email: normaliseEmail(input.email), name: input.name, passwordHash: await hashPassword(randomToken()) }, client, method);
  }

  private async createAccount(input: { email: string; name: string; passwordHash: string }, client: ClientInfo, method: SignInMethod): Promise<User> {
    const { email } = input;
    if (await this.users.findByEmail(email)) {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Log in instead, or use another email.', { field: 'email' });
    }
    const now = this.clock.now();
    let user: User;
    try {
      user = await this.users.insertFirstIsAdmin({
        id: newId(),
        email,
        name: input.name.trim(),
        password_hash: input.passwordHash,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
    } catch (err) {
      if (String((err as Error).message).includes('UNIQUE')) {
        throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Log in instead, or use another email.', { field: 'email' });
      }
      throw err;
    }
    await this.audit.record({ userId: user.id, type: 'auth.signup', ip: client.ip, at: now, ...methodDetail(method) });
    return user;
  }

  async login(input: { email: string; password: string }, client: ClientInfo, previousToken?: string): Promise<IssuedSession> {
    const email = normaliseEmail(input.email);
    const user = await this.users.findByEmail(email);
    const ok = await this.opts.attempts.check(loginBuckets(email, client.ip, this.opts.loginRateLimit), 'sign-in attempts',
      () => (user ? verifyPassword(user.password_hash, input.password) : burnPasswordCheck(input.password)));
    const now = this.clock.now();
    if (!user || !ok) {
      await this.audit.record({ userId: user?.id ?? null, type: 'auth.login_failed', ip: client.ip, at: now });
      throw new AppError('INVALID_CREDENTIALS', 'The email or password is not right.');
    }
    return this.signInVerified(user, 'password', client, previousToken);
  }

  /**
   * Starts a session for a person whose identity a sign-in method proved (password, passkey, OpenID Connect): every
   * method ends here, so account status, a pending deletion, session rotation and the security log are the same.
   * A passkey proves possession and user verification (multi-factor); a password or an OpenID Connect sign-in does not.
   */
  async signInVerified(verified: User, method: SignInMethod, client: ClientInfo, previousToken?: string): Promise<IssuedSession> {
    let user = verified;
    const deletionCanceled = user.status === 'pending_deletion' && (await this.pendingDeletion?.cancelOnLogin(user.id)) === true;
    if (deletionCanceled) user = await this.requireUser(user.id);
    if (user.status !== 'active') {
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
    }
    // Rotation: whatever session the browser had before is dropped; the login gets a fresh id.
    if (previousToken) await this.sessions.delete(sha256Hex(previousToken));
    await this.audit.record({ userId: user.id, type: 'auth.login', ip: client.ip, at: this.clock.now(), ...methodDetail(method) });
    const issued = await this.issue(user, client);
    return deletionCanceled ? { ...issued, deletionCanceled } : issued;
  }

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

  async updateProfile(userId: string, patch: { name?: string; email?: string; currentPassword?: string;
    embedPromptInImages?: boolean; watermarkByDefault?: boolean }, client: ClientInfo = NO_CLIENT): Promise<User> {
    const user = await this.requireUser(userId);
    const update: Record<string, unknown> = {};
    if (patch.name !== undefined) update.name = patch.name.trim();
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
    }
    if (Object.keys(update).length > 0) {
      await this.users.update(userId, { ...update, updated_at: this.clock.now() });
    }
    if (typeof update.email === 'string') {
      await this.notices?.emailChanged({ userId, name: user.name, oldEmail: user.email, newEmail: update.email });
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

export function assertPasswordStrength(password: string, email: string): void {
  if (password.length < 10) {
    throw new AppError('VALIDATION_FAILED', 'The password needs at least 10 characters.', { field: 'password' });
  }
  if (password.toLowerCase() === email.toLowerCase()) {
    throw new AppError('VALIDATION_FAILED', 'The password cannot be your email address.', { field: 'password' });
  }
}
