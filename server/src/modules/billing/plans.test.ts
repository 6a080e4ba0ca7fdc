import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { creditsPerImage, sizeClass, type Plan } from './plans.js';

function configWithPlans(plans: unknown) {
  const dir = tempDir();
  const file = path.join(dir, 'plans.json');
  fs.writeFileSync(file, typeof plans === 'string' ? plans : JSON.stringify(plans));
  return () => loadConfig({ ATELIER_DATA_DIR: dir, ATELIER_PLANS_FILE: file });
}

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

/** The example plans file of docs/billing.md, as operators copy it. */
function documentedExample(): unknown {
  const doc = fs.readFileSync(new URL('../../../../docs/billing.md', import.meta.url), 'utf8');
  const block = /## The plans file\s+```json\n([\s\S]*?)\n```/.exec(doc);
  if (!block) throw new Error('docs/billing.md has no JSON example under "## The plans file"');
  return JSON.parse(block[1]!);
}

const example = documentedExample();

describe('the plans file', () => {
  it('loads the documented example', () => {
    const config = configWithPlans(example)();
    const catalog = config.billing.catalog!;
    expect(catalog.defaultPlan).toBe('free');
    expect(catalog.plans.map((p) => p.id)).toEqual(['free', 'pro']);
    expect(catalog.plans[0]).toMatchObject({ id: 'free', monthlyCredits: 50, allowOwnKeys: false });
    expect(catalog.plans[1]).toMatchObject({ id: 'pro', allowOwnKeys: true, stripePriceId: 'price_1ProMonthly' });
    expect(catalog.creditPacks).toEqual([{ id: 'pack-500', credits: 500, stripePriceId: 'price_1Pack500' }]);
    const [free, pro] = catalog.plans as [Plan, Plan];
    expect(creditsPerImage(free, 'builtin', 1024, 1024)).toBe(1);
    expect(creditsPerImage(free, 'builtin', 4096, 4096)).toBe(4);
    expect(creditsPerImage(pro, 'builtin', 2048, 2048)).toBe(2);
    expect(creditsPerImage(pro, 'seedream', 2048, 2048)).toBe(3);
    expect(creditsPerImage(pro, 'seedream', 4096, 2304)).toBe(8);
  });

  it('is optional: without it every account is unlimited', () => {
    expect(loadConfig({ ATELIER_DATA_DIR: tempDir() }).billing.catalog).toBeUndefined();
  });

  it('reports every problem at once, each naming the file and the place', () => {
    const problems = problemsOf(configWithPlans({
      defaultPlan: 'gold',
      plans: [
        { id: 'free', monthlyCredits: -1, creditsPerImage: { default: 1, '8K': 2 }, maxSetSize: 'four', maxConcurrentJobs: 1, storageQuotaMiB: 1, engines: [] },
        { id: 'free', monthlyCredits: 1, maxSetSize: 1, maxConcurrentJobs: 1, storageQuotaMiB: 1, engines: ['builtin'], stripePriceId: 'prod_x' },
      ],
      creditPacks: [{ id: 'p', credits: 0 }],
    }));
    const text = problems.join('\n');
    expect(problems.every((p) => p.startsWith('ATELIER_PLANS_FILE '))).toBe(true);
    for (const part of ['"monthlyCredits"', 'unknown size 8K', '"maxSetSize"', '"engines"', '"stripePriceId"', 'plan id "free" is used twice',
      '"defaultPlan" must name one of the plans', '"credits" must be a whole number, 1 or more']) {
      expect(text).toContain(part);
    }
  });

  it('says when the file is not JSON', () => {
    expect(problemsOf(configWithPlans('{ plans: '))[0]).toMatch(/is not valid JSON/);
  });

  it('takes Stripe settings only with a plans file and keys of the right kinds', () => {
    const problems = problemsOf(() => loadConfig({
      ATELIER_DATA_DIR: tempDir(), ATELIER_STRIPE_SECRET_KEY: 'pk_live_x', ATELIER_STRIPE_WEBHOOK_SECRET: 'secret', ATELIER_STRIPE_API_BASE: 'not a url',
    }));
    expect(problems).toEqual([
      'ATELIER_STRIPE_SECRET_KEY needs ATELIER_PLANS_FILE: Stripe sells the plans and credit packs named there',
      'ATELIER_STRIPE_SECRET_KEY must be a Stripe secret key (sk_… or rk_…)',
      'ATELIER_STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)',
      'ATELIER_STRIPE_API_BASE="not a url" must be a URL such as http://127.0.0.1:12111',
    ]);
    const ok = configWithPlans(example);
    expect(ok().billing.stripe).toBeUndefined();
  });

  it('sorts sizes into the classes of the cost table by pixel count', () => {
    expect([sizeClass(64, 64), sizeClass(1024, 1024), sizeClass(1536, 1024), sizeClass(2048, 2048), sizeClass(4096, 4096)])
      .toEqual(['1K', '1K', '2K', '2K', '4K']);
  });
});
