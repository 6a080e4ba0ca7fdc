import { describe, expect, it } from 'vitest';
import { appForFile, signUp } from '../../../test-support/harness.js';
import { testConfig } from '../../../config.js';
import { linkToken } from '../test-mail.js';

const base = testConfig('unused');
const { t } = appForFile({ config: { workerConcurrency: 0, accounts: { ...base.accounts, requireVerifiedEmail: true } } });

describe('ATELIER_REQUIRE_VERIFIED_EMAIL=true', () => {
  it('keeps an unverified account from generating, with a message that says what to do, until it verifies', async () => {
    const person = await signUp(t.app);
    const generate = () => t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers, payload: { prompt: 'a quiet harbour' } });
    const refused = await generate();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'EMAIL_NOT_VERIFIED', message: expect.stringMatching(/Confirm your email address/) });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify', payload: { token: await linkToken(t, person.email, 'verify') } });
    expect((await generate()).statusCode).toBe(202);
  });
});
