import type { TestApp } from '../../test-support/harness.js';

/** Test-only: the emails queued for `to` (newest first) from the outbox, where admins read them without SMTP. */
export async function mailsTo(t: TestApp, to: string, type?: string) {
  await t.services.accounts.background.idle();
  const all = await t.services.comms.outbox.list(500);
  return all.filter((m) => m.to === to && (type === undefined || m.type === type));
}

/** The token of the newest link `/<path>?token=` emailed to `to`. */
export async function linkToken(t: TestApp, to: string, path: 'reset' | 'verify'): Promise<string> {
  const [mail] = await mailsTo(t, to, path === 'reset' ? 'security.password_reset' : 'account.verify_email');
  const token = mail?.text.match(new RegExp(`/${path}\\?token=([A-Za-z0-9_%-]+)`))?.[1];
  if (!token) throw new Error(`no ${path} link emailed to ${to}`);
  return decodeURIComponent(token);
}
