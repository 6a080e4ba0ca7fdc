import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { newId } from '../../lib/ids.js';
import { appForFile, createTestApp } from '../../test-support/harness.js';
import type { AccountsConfig } from './accounts-config.js';

const { t } = appForFile();

describe('the first account', () => {
  it('is the only admin, however many accounts are created at the same moment', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => t.services.users.insertFirstIsAdmin({
      id: newId(), email: `racer${i}@example.test`, name: 'Racer', password_hash: 'x', status: 'active', created_at: 1, updated_at: 1,
    })));
    expect(users.filter((u) => u.role === 'admin')).toHaveLength(1);
    const stored = await t.services.db.selectFrom('users').select('role').execute();
    expect(stored.filter((r) => r.role === 'admin')).toHaveLength(1);
  });
});

/** Sign-ups sent all at once to a server with no account yet, under the sign-up policy `signup`. */
async function signUpsAtOnce(signup: AccountsConfig['signup']) {
  const app = await createTestApp({ config: { accounts: { ...testConfig('unused').accounts, signup } } });
  try {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => app.app.inject({
      method: 'POST', url: '/api/v1/auth/signup', payload: { email: `first${i}@example.test`, password: 'correct horse battery', name: 'First' },
    })));
    const users = await app.services.db.selectFrom('users').select(['email', 'role']).execute();
    return { statuses: answers.map((a) => a.statusCode).sort(), codes: answers.map((a) => a.json().error?.code).filter(Boolean), users };
  } finally {
    await app.close();
  }
}

describe('concurrent sign-ups on a server with no account', () => {
  it('make exactly one administrator; on a closed server the others are refused', async () => {
    const { statuses, codes, users } = await signUpsAtOnce('closed');
    expect(statuses).toEqual([201, 403, 403, 403, 403, 403]);
    expect(new Set(codes)).toEqual(new Set(['SIGNUP_CLOSED']));
    expect(users).toEqual([{ email: expect.any(String), role: 'admin' }]);
  });

  it('make exactly one administrator; on an open server the others wait for their emailed link like any sign-up', async () => {
    const { statuses, users } = await signUpsAtOnce('open');
    expect(statuses).toEqual([201, 202, 202, 202, 202, 202]);
    expect(users).toEqual([{ email: expect.any(String), role: 'admin' }]);
  });
});
