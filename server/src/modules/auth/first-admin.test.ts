import { describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { appForFile } from '../../test-support/harness.js';

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
