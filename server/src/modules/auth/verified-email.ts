import type { User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AccountsConfig } from './accounts-config.js';

/** ATELIER_REQUIRE_VERIFIED_EMAIL: new images and edits wait until the person has verified their address. */
export function assertMayGenerate(user: Pick<User, 'email_verified_at'>, config: Pick<AccountsConfig, 'requireVerifiedEmail'>): void {
  if (!config.requireVerifiedEmail || user.email_verified_at !== null) return;
  throw new AppError('EMAIL_NOT_VERIFIED',
    'Confirm your email address before creating images: open the link we emailed you, or send a new one from Settings.');
}
