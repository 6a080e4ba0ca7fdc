import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../config.js';
import { ManualClock } from '../../../lib/clock.js';
import { createTestApp, signUp, tempDir, type TestApp, type TestUser } from '../../../test-support/harness.js';
import { retryDelayMs } from './delivery.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './test-fixtures.js';

const PUBLIC_URL = 'https://atelier.example.test';

let smtp: SmtpSink;
let t: TestApp;
let clock: ManualClock;
let admin: TestUser;
let consenting: TestUser;
let declining: TestUser;

async function setProductEmails(user: TestUser, on: boolean) {
  const res = await t.app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: user.headers, payload: { product_emails: on } });
  expect(res.statusCode).toBe(200);
}

const tip = (user: TestUser) => t.services.comms.outbox.send({
  userId: user.id, to: user.email, type: 'product.tips', subject: 'Three tips for better prompts', text: 'Name the light, the mood and the lens.',
});

beforeAll(async () => {
  smtp = await startSmtpSink();
  clock = new ManualClock(Date.UTC(2026, 3, 1, 9));
  const base = testConfig(tempDir());
  t = await createTestApp({ clock, config: { privacy: { ...base.privacy, smtpUrl: smtp.url, publicUrl: PUBLIC_URL, mailFrom: 'Atelier <atelier@example.test>' } } });
  admin = await signUp(t.app);
  consenting = await signUp(t.app);
  declining = await signUp(t.app);
  // Each sign-up emails a verification link; the tests below look at what comes after.
  await smtp.waitFor(3);
  smtp.received.length = 0;
  await setProductEmails(consenting, true);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('outbox and delivery over SMTP', () => {
  it('[D-22] queues an optional message only for people who turned product emails on', async () => {
    expect(await tip(declining)).toBeUndefined();
    expect(await tip(consenting)).toEqual(expect.any(String));
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([consenting.email]);
    expect(smtp.received.some((m) => m.to.includes(declining.email))).toBe(false);
  });

  it('[D-22] sends optional messages with a signed one-click unsubscribe link in List-Unsubscribe and List-Unsubscribe-Post', () => {
    const mail = smtp.received[0]!;
    expect(mail.headers.get('from')).toBe('Atelier <atelier@example.test>');
    expect(mail.headers.get('subject')).toBe('Three tips for better prompts');
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = mail.headers.get('list-unsubscribe')!.match(/^<(https:\/\/atelier\.example\.test\/unsubscribe\?token=[^>]+)>$/)?.[1];
    expect(link).toBeDefined();
    expect(mail.body.replace(/=\r\n/g, '')).toContain('unsubscribe?token=');
  });

  it('[D-22] sends essential messages to everyone, with no way to unsubscribe from them', async () => {
    await t.services.comms.outbox.send({ userId: declining.id, to: declining.email, type: 'security.password_changed', subject: 'Your password was changed', text: 'Hello.' });
    const mails = await smtp.waitFor(2);
    const essential = mails[1]!;
    expect(essential.to).toEqual([declining.email]);
    expect(essential.headers.has('list-unsubscribe')).toBe(false);
    expect(essential.headers.has('list-unsubscribe-post')).toBe(false);
    expect(essential.body).toContain('essential message');
  });

  it('[D-22] shows a confirm page on GET and unsubscribes on the RFC 8058 one-click POST', async () => {
    const link = new URL(smtp.received[0]!.headers.get('list-unsubscribe')!.slice(1, -1));
    const url = `${link.pathname}${link.search}`;
    const page = await t.app.inject({ url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post"');
    expect((await t.services.consents.view(consenting.id)).consents.product_emails.granted).toBe(true); // a GET changes nothing

    const post = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('You are unsubscribed');
    expect((await t.services.consents.view(consenting.id)).consents.product_emails.granted).toBe(false);
    expect(await tip(consenting)).toBeUndefined();
  });

  it('refuses an unsubscribe link whose signature does not match', async () => {
    const forged = `${Buffer.from(declining.id).toString('base64url')}.${Buffer.alloc(32).toString('base64url')}`;
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.app.inject({ method, url: `/unsubscribe?token=${forged}` });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('not valid');
    }
  });

  it('[D-22] drops a queued optional message when its person unsubscribed before it went out', async () => {
    await setProductEmails(consenting, true);
    smtp.refuse(consenting.email, 451);
    const id = (await tip(consenting))!;
    await waitForStatus(id, 'pending', 1);
    await setProductEmails(consenting, false);
    clock.advance(retryDelayMs(1));
    await t.services.comms.delivery!.deliverDue();
    await waitForStatus(id, 'suppressed', 2);
  });

  it('retries a temporary SMTP refusal later and gives up at once on a permanent one', async () => {
    const sent = smtp.received.length;
    smtp.refuse(declining.email, 451, 2);
    const id = (await t.services.comms.outbox.send({ userId: declining.id, to: declining.email, type: 'security.password_changed', subject: 'Retry me', text: 'x' }))!;
    await waitForStatus(id, 'pending', 1);
    expect((await row(id)).last_error).toContain('try later');
    clock.advance(retryDelayMs(1));
    await t.services.comms.delivery!.deliverDue();
    await waitForStatus(id, 'pending', 2);
    clock.advance(retryDelayMs(2));
    await t.services.comms.delivery!.deliverDue();
    await waitForStatus(id, 'sent', 3);
    expect(smtp.received.length).toBe(sent + 1);

    smtp.refuse(admin.email, 550);
    const failed = (await t.services.comms.outbox.send({ userId: admin.id, to: admin.email, type: 'security.password_changed', subject: 'Nope', text: 'x' }))!;
    await waitForStatus(failed, 'failed', 1);
  });

  it('[D-20] announces an email change to the old address, and only when the password was given', async () => {
    const user = await signUp(t.app);
    const newEmail = `renamed-${user.id}@example.test`;
    const wrong = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: user.headers, payload: { email: newEmail, currentPassword: 'not my password' } });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: user.headers, payload: { email: newEmail, currentPassword: user.password } });
    expect(ok.statusCode).toBe(200);
    const notice = await mailTo(user.email, 'email address of your Atelier account was changed');
    expect(notice.body).toContain('re***@example.test');
    expect(notice.headers.has('list-unsubscribe')).toBe(false);
  });

  it('[D-20] tells the person by essential email that their password was changed', async () => {
    const user = await signUp(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: user.headers, payload: { currentPassword: user.password, newPassword: 'a brand new long password' } });
    expect(res.statusCode).toBe(200);
    const mail = await mailTo(user.email, 'password of your Atelier account was changed');
    expect(body(mail)).toContain(`sign in at ${PUBLIC_URL}`);
    expect(mail.headers.has('list-unsubscribe')).toBe(false);
  });

  it('[D-13] confirms a deletion request by essential email, with the purge date and how to cancel it', async () => {
    const user = await signUp(t.app);
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: user.headers, payload: { password: user.password } });
    expect(res.statusCode).toBe(202);
    const mail = await mailTo(user.email, 'will be deleted');
    expect(body(mail)).toContain(new Date(res.json().purgeAt).toUTCString());
    expect(body(mail)).toContain(`Sign in at ${PUBLIC_URL} before then`);
    expect(mail.headers.has('list-unsubscribe')).toBe(false);
  });

  it('[D-13] tells the person by email that logging in canceled their deletion, and only then', async () => {
    const user = await signUp(t.app);
    const login = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: user.headers, payload: { password: user.password } })).statusCode).toBe(202);
    expect((await login()).json().deletionCanceled).toBe(true);
    const mail = await mailTo(user.email, 'deletion of your Atelier account was canceled');
    expect(body(mail)).toContain('Your account is active again');
    // What the request ended is not brought back, and the person is told so.
    expect(body(mail).replace(/\s+/g, ' ')).toContain('Your API tokens and any paid subscription ended when you asked for the deletion');
    expect((await login()).statusCode).toBe(200); // an ordinary login sends nothing more
    const types = (await t.services.db.selectFrom('outbox').select('type').where('user_id', '=', user.id).execute()).map((r) => r.type);
    // (An open sign-up's address is verified by the link that made the account: no verification email follows.)
    expect(types.sort()).toEqual(['account.deletion_canceled', 'account.deletion_requested']);
  });

  it('lists every message to admins only', async () => {
    const list = await t.app.inject({ url: '/api/v1/admin/outbox?limit=500', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as any[];
    expect(items.find((m) => m.type === 'product.tips')).toMatchObject({ essential: false, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    expect((await t.app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: declining.cookie } })).statusCode).toBe(403);
  });
});

describe('without SMTP', () => {
  it('keeps messages in the outbox, where admins read them', async () => {
    const local = await createTestApp();
    try {
      const first = await signUp(local.app);
      expect(local.services.comms.delivery).toBeUndefined();
      await local.services.comms.outbox.send({ userId: first.id, to: first.email, type: 'security.password_changed', subject: 'Kept here', text: 'x' });
      const items = (await local.app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: first.cookie } })).json().items;
      const notices = items.filter((m: { type: string }) => m.type !== 'account.verify_email');
      expect(notices).toEqual([expect.objectContaining({ to: first.email, subject: 'Kept here', status: 'pending', essential: true })]);
    } finally {
      await local.close();
    }
  });
});

/** The body as written, with quoted-printable soft line breaks joined. */
const body = (mail: ReceivedMail) => mail.body.replace(/=\r\n/g, '');

async function mailTo(address: string, subjectPart: string): Promise<ReceivedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = smtp.received.find((m) => m.to.includes(address) && m.headers.get('subject')?.includes(subjectPart));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${address} about "${subjectPart}"`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function row(id: string) {
  return t.services.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function waitForStatus(id: string, status: string, attempts: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = await row(id);
    if (r.status === status && r.attempts === attempts) return r;
    if (Date.now() > deadline) throw new Error(`message ${id} is ${r.status} after ${r.attempts} attempts`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
