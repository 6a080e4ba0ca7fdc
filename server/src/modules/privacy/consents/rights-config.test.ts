import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config.js';

const base = { ATELIER_DATA_DIR: '/srv/atelier' };

describe('rights settings', () => {
  it('default to training opt-in, a 7-day grace period, backups kept 14 days under the data folder', () => {
    const { privacy } = loadConfig(base, '/');
    expect(privacy).toMatchObject({
      trainingUse: 'opt_in', deletionGraceDays: 7, backupKeepDays: 14, backupDir: path.resolve('/srv/atelier/backups'), policyVersion: '1',
    });
  });

  it('read every variable', () => {
    const { privacy } = loadConfig({
      ...base, ATELIER_TRAINING_USE: 'never', ATELIER_DELETION_GRACE_DAYS: '0', ATELIER_BACKUP_DIR: '/mnt/backups',
      ATELIER_BACKUP_KEEP_DAYS: '30', ATELIER_POLICY_VERSION: '2026.2', ATELIER_POLICY_EFFECTIVE_DATE: '2026-03-01',
    }, '/');
    expect(privacy).toEqual({
      ...privacy, trainingUse: 'never', deletionGraceDays: 0, backupDir: path.resolve('/mnt/backups'), backupKeepDays: 30,
      policyVersion: '2026.2', policyEffectiveDate: '2026-03-01',
    });
  });

  it('report each bad value on its own line', () => {
    const env = {
      ...base, ATELIER_TRAINING_USE: 'sometimes', ATELIER_DELETION_GRACE_DAYS: '-1', ATELIER_BACKUP_KEEP_DAYS: '0',
      ATELIER_POLICY_EFFECTIVE_DATE: '2026-02-30', ATELIER_POLICY_VERSION: 'v 2',
    };
    try {
      loadConfig(env, '/');
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of Object.keys(env).filter((n) => n !== 'ATELIER_DATA_DIR')) expect(problems).toContain(name);
    }
  });
});
