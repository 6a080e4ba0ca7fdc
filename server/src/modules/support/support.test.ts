import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { appForFile, signUp } from '../../test-support/harness.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { image, multipart } from '../assets/test-fixtures.js';

const base = testConfig(tempDir());
const { t, people: [admin, alice] } = appForFile({
  people: 2,
  config: { privacy: { ...base.privacy, supportEmail: 'ops@example.test', supportRetentionDays: 30 } },
});

const contact = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/support', headers, payload });
const outboxTo = async (to: string) =>
  t.services.db.selectFrom('outbox').select(['to_address', 'subject', 'text_body', 'user_id', 'type']).where('to_address', '=', to).execute();

describe('contact the operator', () => {
  it('keeps the message for the admins, emails the operator and sends the person a copy', async () => {
    const form = multipart({ data: await image('png', 8, 8), filename: 'a.png' });
    const assetId = (await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...alice.headers, ...form.headers }, payload: form.payload })).json().id;
    const res = await contact(alice.headers, { subject: '  My image  looks wrong ', message: 'The colours are off.\nCan you look?', assetId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ emailed: true });

    const list = await t.app.inject({ url: '/api/v1/admin/support', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      id: res.json().id, userId: alice.id, replyTo: alice.email, subject: 'My image looks wrong', message: 'The colours are off.\nCan you look?', assetId,
    });
    const [toOperator] = await outboxTo('ops@example.test');
    expect(toOperator).toMatchObject({ type: 'support.request', subject: '[Atelier support] My image looks wrong', user_id: alice.id });
    expect(toOperator!.text_body).toContain('The colours are off.');
    expect(toOperator!.text_body).toContain(alice.email);
    const copy = (await outboxTo(alice.email)).find((m) => m.type === 'support.copy');
    expect(copy?.text_body).toContain('The colours are off.');
  });

  it('refuses what it cannot keep, and lists only for admins', async () => {
    expect((await contact(alice.headers, { subject: ' ', message: 'x' })).statusCode).toBe(400);
    expect((await contact(alice.headers, { subject: 'x', message: 'y'.repeat(5001) })).statusCode).toBe(400);
    expect((await contact(alice.headers, { subject: 'x', message: 'y', assetId: 'not-mine' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/support', payload: { subject: 'x', message: 'y' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/admin/support', headers: { cookie: alice.cookie } })).statusCode).toBe(403);
  });

  it('the retention run deletes old messages, and account erasure the person\'s', async () => {
    const bob = await signUp(t.app);
    await contact(bob.headers, { subject: 'Old', message: 'from long ago' });
    await contact(bob.headers, { subject: 'New', message: 'from today' });
    await t.services.db.updateTable('support_messages').set({ created_at: Date.now() - 31 * 86_400_000 }).where('subject', '=', 'Old').execute();
    expect(await t.services.support.deleteExpired()).toBe(1);
    const left = await t.services.db.selectFrom('support_messages').select('subject').where('user_id', '=', bob.id).execute();
    expect(left).toEqual([{ subject: 'New' }]);
    const module = t.services.personalData.erasureOrder.find((m) => m.tables.includes('support_messages'))!;
    await module.eraseFor(bob.id);
    expect(await t.services.db.selectFrom('support_messages').select('id').where('user_id', '=', bob.id).execute()).toEqual([]);
  });
});
