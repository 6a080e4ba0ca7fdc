/**
 * Every kind of email Atelier sends. Essential messages (security, account, policy change) go to everyone and
 * cannot be unsubscribed; optional ones (product news, tips) go only to people whose `product_emails` consent
 * is on, and always carry a one-click unsubscribe link.
 */
export const MESSAGE_TYPES = {
  'security.email_changed': { essential: true, category: 'security' },
  'security.password_changed': { essential: true, category: 'security' },
  'security.password_reset': { essential: true, category: 'security' },
  'security.signup_attempt': { essential: true, category: 'security' },
  'account.verify_email': { essential: true, category: 'account' },
  // The link that finishes an email-first sign-up: to an address with no account yet.
  'account.signup_link': { essential: true, category: 'account' },
  'account.deletion_requested': { essential: true, category: 'account' },
  'account.deletion_canceled': { essential: true, category: 'account' },
  'webhook.disabled': { essential: true, category: 'account' },
  // A delayed payment for credits or a plan failed at Stripe (modules/billing).
  'billing.payment_failed': { essential: true, category: 'account' },
  'policy.changed': { essential: true, category: 'policy change' },
  // "Contact the operator": the message to the operator, and the person's copy. Both were asked for.
  'support.request': { essential: true, category: 'support' },
  'support.copy': { essential: true, category: 'support' },
  // An administrator reviewed a report of the person's image and warns them (modules/reports).
  'moderation.warning': { essential: true, category: 'account' },
  'product.news': { essential: false, category: 'product news' },
  'product.tips': { essential: false, category: 'tips' },
} as const satisfies Record<string, { essential: boolean; category: string }>;

export type MessageType = keyof typeof MESSAGE_TYPES;

export const isEssential = (type: MessageType): boolean => MESSAGE_TYPES[type].essential;
