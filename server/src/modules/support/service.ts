import { invalid } from '../../http/errors.js';
import { cleanText as clean } from '../../lib/clean-text.js';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { requireChecked, type AssetService } from '../assets/service.js';
import type { UserRepository } from '../auth/repository.js';
import type { RateLimits } from '../limits/rate-limits.js';
import type { Outbox } from '../privacy/outbox/service.js';
import { mailTemplates } from '../privacy/outbox/mail-templates.js';
import type { SupportMessage, SupportRepository } from './repository.js';
import type { ContactBody, SupportMessageDto } from './schemas.js';

export interface SupportOptions {
  supportEmail?: string;
  supportRetentionDays: number;
  publicUrl: string;
}

export function toSupportDto(m: SupportMessage): SupportMessageDto {
  return {
    id: m.id, userId: m.user_id, replyTo: m.reply_to, subject: m.subject, message: m.message, assetId: m.asset_id,
    createdAt: new Date(Number(m.created_at)).toISOString(),
  };
}

/**
 * "Contact the operator": the message is kept for the admin console, emailed to ATELIER_SUPPORT_EMAIL when set,
 * and a copy goes to the person. Limited per person here and per address before the route (http/rate-limit.ts): each
 * message sends emails. Both emails go through the outbox, as the person's messages (erased with them).
 */
export class SupportService {
  constructor(
    private readonly repo: SupportRepository,
    private readonly users: Pick<UserRepository, 'findById'>,
    private readonly assets: Pick<AssetService, 'requireAsset'>,
    private readonly outbox: Pick<Outbox, 'send'>,
    private readonly clock: Clock,
    private readonly opts: SupportOptions,
    private readonly limits: Pick<RateLimits, 'take'>,
  ) {}

  async contact(userId: string, body: ContactBody): Promise<{ id: string; emailed: boolean }> {
    const subject = clean(body.subject).replace(/\s+/g, ' ');
    const message = clean(body.message);
    if (!subject) throw invalid('Write a subject.', 'subject');
    if (!message) throw invalid('Write a message.', 'message');
    if (body.assetId !== undefined) requireChecked(await this.assets.requireAsset(userId, body.assetId));
    const user = await this.users.findById(userId);
    if (!user) throw invalid('This account no longer exists.');
    await this.limits.take('support', userId);
    const row: SupportMessage = {
      id: newId(), user_id: userId, reply_to: user.email, subject, message, asset_id: body.assetId ?? null, created_at: this.clock.now(),
    };
    await this.repo.insert(row);
    const about = row.asset_id ? `\nImage: ${row.asset_id}` : '';
    const { supportEmail } = this.opts;
    if (supportEmail) {
      await this.outbox.send({
        userId, to: supportEmail, type: 'support.request', subject: `[Atelier support] ${subject}`,
        text: `${user.name || user.email} <${user.email}> wrote (account ${userId}, message ${row.id}):${about}\n\n${message}\n\nAnswer by writing to ${user.email}.`,
      });
    }
    const copy = mailTemplates(user.language).supportCopy({ name: user.name, subject, message, assetId: row.asset_id, publicUrl: this.opts.publicUrl });
    await this.outbox.send({ userId, to: user.email, type: 'support.copy', ...copy });
    return { id: row.id, emailed: supportEmail !== undefined };
  }

  async list(limit: number): Promise<SupportMessageDto[]> {
    return (await this.repo.listNewest(limit)).map(toSupportDto);
  }

  /** Retention (daily maintenance): messages older than ATELIER_SUPPORT_RETENTION_DAYS. */
  deleteExpired(): Promise<number> {
    return this.repo.deleteBefore(this.clock.now() - this.opts.supportRetentionDays * DAY_MS);
  }
}
