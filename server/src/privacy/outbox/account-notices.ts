import type { Clock } from '../../lib/clock.js';
import type { AccountNoticePort } from '../../modules/auth/service.js';
import type { Outbox } from './outbox.js';
import { emailChangedNotice } from './templates.js';

/** Security notices the auth service asks for, written to the outbox as essential messages. */
export class AccountNotices implements AccountNoticePort {
  constructor(
    private readonly outbox: Pick<Outbox, 'send'>,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  /** Goes to the old address: if the change was not the owner's doing, that is where they will see it. */
  async emailChanged(change: { userId: string; name: string; oldEmail: string; newEmail: string }): Promise<void> {
    const mail = emailChangedNotice({ name: change.name, newEmail: change.newEmail, at: new Date(this.clock.now()), publicUrl: this.publicUrl });
    await this.outbox.send({ userId: change.userId, to: change.oldEmail, type: 'security.email_changed', ...mail });
  }
}
