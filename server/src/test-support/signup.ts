import type { IssuedSession } from '../modules/auth/service.js';
import type { Services } from '../services.js';

type SignupServices = Pick<Services, 'auth' | 'accounts' | 'db'>;

/** The token of the newest sign-up link to `email` among outbox messages (newest first), if there is one yet. */
export function signupTokenIn(messages: { to: string; type: string; text: string }[], email: string): string | undefined {
  const mail = messages.find((m) => m.to === email && m.type === 'account.signup_link');
  const token = mail?.text.match(/\/signup\/confirm\?token=([A-Za-z0-9_%-]+)/)?.[1];
  return token === undefined ? undefined : decodeURIComponent(token);
}

/** The token of the newest sign-up link emailed to `email` (read from the outbox, where admins read mail without SMTP). */
export async function signupLinkToken(services: SignupServices, email: string): Promise<string> {
  await services.accounts.background.idle();
  const newest = await services.db.selectFrom('outbox').select(['to_address as to', 'type', 'text_body as text'])
    .where('to_address', '=', email).where('type', '=', 'account.signup_link').orderBy('created_at', 'desc').limit(1).execute();
  const token = signupTokenIn(newest, email);
  if (!token) throw new Error(`no sign-up link emailed to ${email}`);
  return token;
}

/**
 * Tests and benchmarks: signs an account up in-process as a person would (ADR 0026), following the emailed link when
 * the sign-up waits for it, and returns its session.
 */
export async function signUpAccount(services: SignupServices, input: { email: string; password: string; name: string }): Promise<IssuedSession> {
  const client = { ip: null, userAgent: null };
  const result = await services.auth.signup(input, client);
  if (!('pending' in result)) return result;
  return services.auth.confirmSignup(await signupLinkToken(services, input.email.trim().toLowerCase()), input.password, client);
}
