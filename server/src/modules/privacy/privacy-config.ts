import path from 'node:path';
import type { EnvReader } from '../../config.js';
import { loadCommsConfig, type CommsConfig } from './comms-config.js';

/** Settings of retention, deletion, backups, communications and the policy page (filled in by the privacy issue). */
export interface PrivacyConfig extends CommsConfig {
  /** 'never': training use is not offered and every dataset export is refused; 'opt_in': offered, default off. */
  trainingUse: 'never' | 'opt_in';
  /** Days between an account deletion request and its purge; 0 purges at once. */
  deletionGraceDays: number;
  /** Where `atelier backup create` writes backups (and where rotation looks). */
  backupDir: string;
  /** Backups older than this many days are removed by rotation. */
  backupKeepDays: number;
  /** Version of the privacy policy in force, recorded with every consent. */
  policyVersion: string;
  /** Date (YYYY-MM-DD) from which that version applies. */
  policyEffectiveDate: string;
}

export function loadPrivacyConfig(r: EnvReader, dataDir: string): PrivacyConfig {
  const policyEffectiveDate = r.string('ATELIER_POLICY_EFFECTIVE_DATE', '2026-01-01');
  if (!isIsoDate(policyEffectiveDate)) {
    r.problems.push(`ATELIER_POLICY_EFFECTIVE_DATE=${JSON.stringify(policyEffectiveDate)} must be a date written YYYY-MM-DD`);
  }
  const policyVersion = r.string('ATELIER_POLICY_VERSION', '1');
  if (!/^[\w.-]{1,40}$/.test(policyVersion)) {
    r.problems.push(`ATELIER_POLICY_VERSION=${JSON.stringify(policyVersion)} must be 1 to 40 letters, digits, '.', '-' or '_'`);
  }
  return {
    ...loadCommsConfig(r),
    trainingUse: r.oneOf('ATELIER_TRAINING_USE', 'opt_in', ['never', 'opt_in'] as const),
    deletionGraceDays: r.int('ATELIER_DELETION_GRACE_DAYS', 7, 0, 365),
    backupDir: path.resolve(r.string('ATELIER_BACKUP_DIR', path.join(dataDir, 'backups'))),
    backupKeepDays: r.int('ATELIER_BACKUP_KEEP_DAYS', 14, 1, 3650),
    policyVersion,
    policyEffectiveDate,
  };
}

function isIsoDate(text: string): boolean {
  const at = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(at) && new Date(at).toISOString().startsWith(text);
}
