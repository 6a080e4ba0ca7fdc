import type { ConsentPurpose } from '../../../db/schema.js';

/** The choices a person makes; each is off until they turn it on. */
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = ['training', 'product_emails', 'analytics'];
