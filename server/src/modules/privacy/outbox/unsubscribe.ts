import { AppError } from '../../../http/errors.js';
import type { UserRepository } from '../../auth/repository.js';
import type { ConsentService } from '../consents/service.js';
import type { OutboxRepository } from './repository.js';
import type { UnsubscribeTokens } from './unsubscribe-token.js';

const INVALID = () =>
  new AppError('INVALID_UNSUBSCRIBE_LINK',
    'This unsubscribe link is not valid (it may have been cut off). Open it again from the email, or change your email choices in your account settings.');

/** What an unsubscribe link does: turn `product_emails` off for its person. Essential messages are unaffected. */
export class Unsubscriber {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly users: Pick<UserRepository, 'findById'>,
    private readonly consents: Pick<ConsentService, 'update'>,
    private readonly outbox: Pick<OutboxRepository, 'suppressOptional'>,
  ) {}

  /** Throws INVALID_UNSUBSCRIBE_LINK unless the token is one of ours. */
  check(token: string): string {
    const userId = this.tokens.verify(token);
    if (!userId) throw INVALID();
    return userId;
  }

  /**
   * Turns optional emails off and drops the person's optional messages not yet sent. A link of an account that
   * no longer exists succeeds too: there is nobody left to email.
   */
  async unsubscribe(token: string): Promise<void> {
    const userId = this.check(token);
    if (!(await this.users.findById(userId))) return;
    await this.consents.update(userId, { product_emails: false });
    await this.outbox.suppressOptional(userId);
  }
}
