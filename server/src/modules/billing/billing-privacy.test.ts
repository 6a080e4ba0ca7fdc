import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test-support/harness.js';
import { testCatalog, withPlans } from './test-fixtures.js';

describe('what billing keeps', () => {
  let plain: TestApp;
  let withBilling: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
    withBilling = await createTestApp({ config: withPlans(testCatalog()) });
  });
  afterAll(async () => {
    await plain.close();
    await withBilling.close();
  });

  it('[S-6] /privacy says no payments are taken without plans, and what the ledger holds with them', async () => {
    const page = async (t: TestApp) => (await t.app.inject({ url: '/privacy' })).body;
    expect(await page(plain)).toContain('this server takes no payments and holds no payment information');
    const billing = await page(withBilling);
    expect(billing).toContain('a ledger of your credits');
    expect(billing).toContain('erased with it');
  });

  it('[S-6] exports the person\'s ledger and erases it with the account', async () => {
    const person = await signUp(withBilling.app);
    await withBilling.services.billing.adjust(person.id, 7, 'a goodwill credit');
    const billing = withBilling.services.personalData.exportOrder.find((m) => m.tables.includes('credit_ledger'))!;
    const files = [];
    for await (const entry of billing.exportFor!(person.id)) files.push(entry);
    expect(files).toHaveLength(1);
    const json = (files[0] as { path: string; json: any });
    expect(json.path).toBe('billing.json');
    expect(json.json.account.plan).toBeNull();
    expect(json.json.credits.map((c: any) => [c.kind, c.amount, c.reason])).toEqual([
      ['grant', 10, 'Free plan, monthly credits'], ['adjust', 7, 'a goodwill credit'],
    ]);
    await billing.eraseFor(person.id);
    const left = await withBilling.services.db.selectFrom('credit_ledger').select('id').where('user_id', '=', person.id).execute();
    expect(left).toEqual([]);
  });
});
