import type { EnvReader } from '../../config.js';

/** Retention, export, email and policy settings (the data & communications half of config.privacy). */
export interface CommsConfig {
  /** Sign-in/audit events, finished jobs and delivered emails are deleted after this many days. */
  logRetentionDays: number;
  /** A ready export file is deleted this many days after it was made. */
  exportRetentionDays: number;
  /** Daily usage aggregates (no user identifier) are kept this many days. */
  analyticsRetentionDays: number;
  /** smtp:// or smtps:// URL; without it, emails stay in the outbox for admins to read. */
  smtpUrl?: string;
  mailFrom: string;
  /** Base of links in emails (unsubscribe, privacy page), without a trailing slash. */
  publicUrl: string;
  mailMaxAttempts: number;
  /** Where "Contact the operator" messages are emailed; without it they are only in the admin console. */
  supportEmail?: string;
  /** Support messages are deleted this many days after they were written. */
  supportRetentionDays: number;
  /** Content reports are deleted this many days after an administrator closed them (open ones are kept until then). */
  reportRetentionDays: number;
  /** Who to write to about privacy; shown on /privacy. */
  privacyContact?: string;
  /**
   * The policy version in force (policyVersion, policyEffectiveDate: see privacy-config.ts) changes the policy
   * materially: people who signed up before it are notified, asked to acknowledge it, and emailed once.
   */
  policyMaterial: boolean;
  /** What changed, in a sentence or two (shown in the notice and the announcement email). */
  policyChangeSummary: string;
}

export function loadCommsConfig(r: EnvReader): CommsConfig {
  const smtpUrl = r.optional('ATELIER_SMTP_URL');
  if (smtpUrl !== undefined && !isUrl(smtpUrl, ['smtp:', 'smtps:'])) {
    r.problems.push('ATELIER_SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587 or smtps://...');
  }
  const publicUrl = r.string('ATELIER_PUBLIC_URL', 'http://localhost:8080').replace(/\/+$/, '');
  if (!isUrl(publicUrl, ['http:', 'https:'])) {
    r.problems.push(`ATELIER_PUBLIC_URL=${JSON.stringify(publicUrl)} must be the http(s) address people use to reach Atelier`);
  }
  const supportEmail = r.optional('ATELIER_SUPPORT_EMAIL');
  if (supportEmail !== undefined && !/^[^\s@<>]+@[^\s@<>]+$/.test(supportEmail)) {
    r.problems.push('ATELIER_SUPPORT_EMAIL must be one email address, such as support@example.com');
  }
  const mailFrom = r.string('ATELIER_MAIL_FROM', 'Atelier <no-reply@localhost>');
  if (!/@/.test(mailFrom) || /[\r\n]/.test(mailFrom)) {
    r.problems.push('ATELIER_MAIL_FROM must be an email address, optionally with a name: "Atelier <atelier@example.com>"');
  }
  return {
    logRetentionDays: r.int('ATELIER_LOG_RETENTION_DAYS', 30, 1, 3650),
    exportRetentionDays: r.int('ATELIER_EXPORT_RETENTION_DAYS', 7, 1, 90),
    analyticsRetentionDays: r.int('ATELIER_ANALYTICS_RETENTION_DAYS', 365, 1, 3650),
    smtpUrl,
    mailFrom,
    publicUrl,
    mailMaxAttempts: r.int('ATELIER_MAIL_MAX_ATTEMPTS', 6, 1, 50),
    privacyContact: r.optional('ATELIER_PRIVACY_CONTACT'),
    supportEmail,
    supportRetentionDays: r.int('ATELIER_SUPPORT_RETENTION_DAYS', 365, 1, 3650),
    reportRetentionDays: r.int('ATELIER_REPORT_RETENTION_DAYS', 365, 1, 3650),
    policyMaterial: r.bool('ATELIER_POLICY_MATERIAL', false),
    policyChangeSummary: r.string('ATELIER_POLICY_CHANGE_SUMMARY', 'We updated our privacy policy. Please read what changed.'),
  };
}

export function isUrl(text: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

