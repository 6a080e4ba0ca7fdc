import type { User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { CreatorCheck } from '../generations/admission.js';
import type { AccountsConfig } from './accounts-config.js';
import type { UserRepository } from './repository.js';

/**
 * ATELIER_REQUIRE_VERIFIED_EMAIL: new images and edits wait until the person has verified their address. Asked by
 * GenerationService before any request is planned, so every way of starting a job (studio, batches, workflows, the
 * compatible APIs) meets it; each surface answers it in its own error shape.
 */
export function verifiedEmailCheck(users: Pick<UserRepository, 'findById'>, config: Pick<AccountsConfig, 'requireVerifiedEmail'>): CreatorCheck {
  return {
    async assertMayCreate(userId) {
      if (!config.requireVerifiedEmail) return;
      const user: Pick<User, 'email_verified_at'> | undefined = await users.findById(userId);
      if (user && user.email_verified_at !== null) return;
      throw new AppError('EMAIL_NOT_VERIFIED',
        'Confirm your email address before creating images: open the link we emailed you, or send a new one from Settings.');
    },
  };
}
