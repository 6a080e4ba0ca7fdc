import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/harness.js';
import { withModeration } from './test-fixtures.js';

describe('what moderation checks and keeps, on /privacy', () => {
  let plain: TestApp;
  let moderated: TestApp;
  beforeAll(async () => {
    plain = await createTestApp({ config: { workerConcurrency: 0 } });
    moderated = await createTestApp({ config: { ...withModeration(4), workerConcurrency: 0 } });
  });
  afterAll(async () => {
    await plain.close();
    await moderated.close();
  });

  const page = async (t: TestApp) => (await t.app.inject({ url: '/privacy' })).body;

  it('[D-10] says nothing is checked without a moderation file', async () => {
    expect(await page(plain)).toContain('this server does not check prompts or images against a content policy');
  });

  it('[D-10] names the categories, what a refusal keeps, the suspension threshold, and that images are not classified', async () => {
    const body = await page(moderated);
    for (const says of [
      '<code>sexual</code>, <code>violence</code>',
      'A refused request is not stored',
      'Only a count of your refused prompts is',
      'with the category and time of the last one, and the time the count suspended the account if it did.',
      'After 4 refused prompts the account is suspended automatically.',
      'Images are not checked by a classifier.',
      'The count of your refused prompts stays while your account exists',
    ]) expect(body).toContain(says);
  });
});
