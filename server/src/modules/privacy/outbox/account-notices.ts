import type { Clock } from '../../../lib/clock.js';
import type { AccountNoticePort } from '../../auth/service.js';
import type { SignupNoticePort } from '../../auth/signup/pending-signups.js';
import type { DeletionNoticePort } from '../deletion/service.js';
import type { Outbox } from './service.js';
import type { User } from '../../../db/schema.js';
import { DEFAULT_LANGUAGE, type Language } from '../../../lib/language.js';
import { mailTemplates, type MailTemplates } from './mail-templates.js';

/** The person an account notice goes to. */
interface Recipient {
  userId: string;
  name: string;
  email: string;
}

/** Security and account notices the auth and deletion services ask for, written to the outbox as essential messages. */
export class AccountNotices implements AccountNoticePort, DeletionNoticePort, SignupNoticePort {
  constructor(
    private readonly outbox: Pick<Outbox, 'send' | 'sendToAddress'>,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    private readonly users: { findById(id: string): Promise<Pick<User, 'language'> | undefined> },
  ) {}

  /** The emails in the language the account chose (English once the account is gone). */
  private async mails(userId: string): Promise<MailTemplates> {
    return mailTemplates((await this.users.findById(userId))?.language ?? DEFAULT_LANGUAGE);
  }

  /** Goes to the old address: if the change was not the owner's doing, that is where they will see it. */
  async emailChanged(change: { userId: string; name: string; oldEmail: string; newEmail: string }): Promise<void> {
    const mail = (await this.mails(change.userId)).emailChangedNotice({ name: change.name, newEmail: change.newEmail, at: new Date(this.clock.now()), publicUrl: this.publicUrl });
    await this.outbox.send({ userId: change.userId, to: change.oldEmail, type: 'security.email_changed', ...mail });
  }

  async passwordChanged(to: Recipient): Promise<void> {
    const mail = (await this.mails(to.userId)).passwordChangedNotice({ name: to.name, at: new Date(this.clock.now()), publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'security.password_changed', ...mail });
  }

  async webhookDisabled(to: Recipient, url: string): Promise<void> {
    const mail = (await this.mails(to.userId)).webhookDisabledNotice({ name: to.name, url, publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'webhook.disabled', ...mail });
  }

  async passwordResetLink(to: Recipient, link: { token: string; validMinutes: number }): Promise<void> {
    const url = `${this.publicUrl}/reset?token=${encodeURIComponent(link.token)}`;
    const mail = (await this.mails(to.userId)).passwordResetLink({ name: to.name, url, validMinutes: link.validMinutes, publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'security.password_reset', ...mail });
  }

  async verifyEmailLink(to: Recipient, link: { token: string; validHours: number }): Promise<void> {
    const url = `${this.publicUrl}/verify?token=${encodeURIComponent(link.token)}`;
    const mail = (await this.mails(to.userId)).verifyEmailLink({ name: to.name, url, validHours: link.validHours });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'account.verify_email', ...mail });
  }

  /** No account exists yet, so the message belongs to no one (it goes with the outbox's retention). */
  async signupLink(to: { name: string; email: string; language: Language }, link: { token: string; validHours: number }): Promise<void> {
    const url = `${this.publicUrl}/signup/confirm?token=${encodeURIComponent(link.token)}`;
    const mail = mailTemplates(to.language).signupLink({ name: to.name, url, validHours: link.validHours, publicUrl: this.publicUrl });
    await this.outbox.sendToAddress({ to: to.email, type: 'account.signup_link', ...mail });
  }

  async signupAttempted(to: Recipient): Promise<void> {
    const mail = (await this.mails(to.userId)).signupAttemptNotice({ name: to.name, at: new Date(this.clock.now()), publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'security.signup_attempt', ...mail });
  }

  async paymentFailed(to: Recipient, purchase: { credits: number } | { plan: string }): Promise<void> {
    const mail = (await this.mails(to.userId)).paymentFailedNotice({ name: to.name, ...purchase, publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'billing.payment_failed', ...mail });
  }

  async deletionRequested(to: Recipient, purgeAt: number): Promise<void> {
    const mail = (await this.mails(to.userId)).deletionRequestedNotice({ name: to.name, purgeAt: new Date(purgeAt), publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'account.deletion_requested', ...mail });
  }

  async deletionCanceled(to: Recipient): Promise<void> {
    const mail = (await this.mails(to.userId)).deletionCanceledNotice({ name: to.name, at: new Date(this.clock.now()), publicUrl: this.publicUrl });
    await this.outbox.send({ userId: to.userId, to: to.email, type: 'account.deletion_canceled', ...mail });
  }
}
