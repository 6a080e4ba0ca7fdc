import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

const load = (env: Record<string, string> = {}) => loadConfig({ ATELIER_DATA_DIR: '/srv/atelier', ...env }).privacy;

describe('data & communications settings', () => {
  it('default to 30 days of logs, 7 days of exports, a year of daily totals, no SMTP and a non-material policy', () => {
    expect(load()).toMatchObject({
      logRetentionDays: 30, exportRetentionDays: 7, analyticsRetentionDays: 365, smtpUrl: undefined, mailMaxAttempts: 6,
      publicUrl: 'http://localhost:8080', privacyContact: undefined, policyMaterial: false,
    });
  });

  it('read every variable', () => {
    expect(load({
      ATELIER_LOG_RETENTION_DAYS: '14', ATELIER_EXPORT_RETENTION_DAYS: '3', ATELIER_ANALYTICS_RETENTION_DAYS: '90',
      ATELIER_SMTP_URL: 'smtps://mailer:secret@mail.example.com:465', ATELIER_MAIL_FROM: 'Studio <studio@example.com>',
      ATELIER_PUBLIC_URL: 'https://studio.example.com/', ATELIER_MAIL_MAX_ATTEMPTS: '3', ATELIER_PRIVACY_CONTACT: 'privacy@example.com',
      ATELIER_POLICY_MATERIAL: 'true', ATELIER_POLICY_CHANGE_SUMMARY: 'Logs are now kept 14 days.',
    })).toMatchObject({
      logRetentionDays: 14, exportRetentionDays: 3, analyticsRetentionDays: 90, smtpUrl: 'smtps://mailer:secret@mail.example.com:465',
      mailFrom: 'Studio <studio@example.com>', publicUrl: 'https://studio.example.com', mailMaxAttempts: 3,
      privacyContact: 'privacy@example.com', policyMaterial: true, policyChangeSummary: 'Logs are now kept 14 days.',
    });
  });

  it('report each bad value on its own line, without echoing the SMTP URL (it may hold a password)', () => {
    let err: ConfigError | undefined;
    try {
      load({ ATELIER_LOG_RETENTION_DAYS: '0', ATELIER_SMTP_URL: 'http://user:hunter2@example.com', ATELIER_PUBLIC_URL: 'ftp://x', ATELIER_MAIL_FROM: 'nobody' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err?.problems).toEqual([
      expect.stringContaining('ATELIER_SMTP_URL'), expect.stringContaining('ATELIER_PUBLIC_URL'), expect.stringContaining('ATELIER_MAIL_FROM'),
      expect.stringContaining('ATELIER_LOG_RETENTION_DAYS'),
    ]);
    expect(err?.message).not.toContain('hunter2');
  });
});
