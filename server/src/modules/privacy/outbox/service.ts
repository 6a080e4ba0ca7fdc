import type { OutboxMessage } from '../../../db/schema.js';
import type { Clock } from '../../../lib/clock.js';
import { newId } from '../../../lib/ids.js';
import type { ConsentService } from '../consents/service.js';
import { isEssential, type MessageType } from './message-types.js';
import type { OutboxRepository } from './repository.js';
import type { UnsubscribeTokens } from './unsubscribe-token.js';

export interface OutgoingMessage {
  userId: string;
  to: string;
  type: MessageType;
  subject: string;
  /** Plain text; the footer (unsubscribe link, or why an essential message cannot be unsubscribed) is added here. */
  text: string;
  /** A message with a dedupe key is queued once only, however often it is asked for. */
  dedupeKey?: string;
}

export interface OutboxMessageDto {
  id: string;
  to: string;
  type: string;
  essential: boolean;
  subject: string;
  text: string;
  headers: Record<string, string>;
  status: OutboxMessage['status'];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const ONE_CLICK = 'List-Unsubscribe=One-Click';

export type EmailConsent = Pick<ConsentService, 'isGranted'>;

/**
 * Emails waiting to go out (and, without SMTP, the place admins read them). Optional messages are queued only
 * for people whose `product_emails` consent is on and carry a signed one-click unsubscribe link
 * (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058); essential ones have neither.
 */
export class Outbox {
  constructor(
    private readonly repo: OutboxRepository,
    private readonly consents: EmailConsent,
    private readonly tokens: UnsubscribeTokens,
    private readonly clock: Clock,
    private readonly opts: { publicUrl: string },
    private readonly onQueued: () => void = () => undefined,
  ) {}

  unsubscribeUrl(userId: string): string {
    return `${this.opts.publicUrl}/unsubscribe?token=${encodeURIComponent(this.tokens.sign(userId))}`;
  }

  /** Queues the message; returns its id, or undefined when it is not to be sent (no consent, or a duplicate). */
  async send(msg: OutgoingMessage): Promise<string | undefined> {
    const essential = isEssential(msg.type);
    if (!essential && !(await this.consents.isGranted(msg.userId, 'product_emails'))) return undefined;
    return this.queue(msg, essential);
  }

  /** An essential message to an address that has no account yet (email-first sign-up): there is no one to link it to. */
  async sendToAddress(msg: Omit<OutgoingMessage, 'userId'>): Promise<string | undefined> {
    if (!isEssential(msg.type)) throw new Error(`${msg.type} is not essential: it needs a person's consent`);
    return this.queue({ ...msg, userId: null }, true);
  }

  private async queue(msg: Omit<OutgoingMessage, 'userId'> & { userId: string | null }, essential: boolean): Promise<string | undefined> {
    const headers: Record<string, string> = {};
    let footer: string;
    if (essential) {
      footer = 'This is an essential message about your account, its security or our privacy policy. ' +
        'It is sent whatever your email choices, so that you always know about these changes.';
    } else {
      const url = this.unsubscribeUrl(msg.userId!);
      headers['List-Unsubscribe'] = `<${url}>`;
      headers['List-Unsubscribe-Post'] = ONE_CLICK;
      footer = `You receive product news and tips because you chose to. Stop them with one click: ${url}`;
    }
    const id = newId();
    const now = this.clock.now();
    const inserted = await this.repo.insert({
      id, user_id: msg.userId, to_address: msg.to, type: msg.type, essential: essential ? 1 : 0, subject: msg.subject,
      text_body: `${msg.text.trimEnd()}\n\n-- \n${footer}\n`, headers: JSON.stringify(headers), status: 'pending',
      next_attempt_at: now, lease_until: null, last_error: null, dedupe_key: msg.dedupeKey ?? null, created_at: now, sent_at: null,
    });
    if (!inserted) return undefined;
    this.onQueued();
    return id;
  }

  async list(limit: number, status?: OutboxMessage['status']): Promise<OutboxMessageDto[]> {
    return (await this.repo.list(limit, status)).map(toDto);
  }

  /** Retention: messages older than `cutoff` go. */
  deleteOlderThan(cutoff: number): Promise<number> {
    return this.repo.deleteOlderThan(cutoff);
  }
}

function toDto(m: OutboxMessage): OutboxMessageDto {
  return {
    id: m.id,
    to: m.to_address,
    type: m.type,
    essential: m.essential === 1,
    subject: m.subject,
    text: m.text_body,
    headers: JSON.parse(m.headers) as Record<string, string>,
    status: m.status,
    attempts: m.attempts,
    lastError: m.last_error,
    createdAt: new Date(m.created_at).toISOString(),
    sentAt: m.sent_at === null ? null : new Date(m.sent_at).toISOString(),
  };
}
