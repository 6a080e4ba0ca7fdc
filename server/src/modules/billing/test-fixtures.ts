import type { Config } from '../../config.js';
import { parseCatalog, type PlanCatalog } from './plans.js';
import { NO_RATE_LIMITS } from '../limits/test-fixtures.js';

/** A catalogue of the tests: the free plan of the example, made small enough to reach its limits. */
export function testCatalog(free: Record<string, unknown> = {}): PlanCatalog {
  const problems: string[] = [];
  const catalog = parseCatalog({
    defaultPlan: 'free',
    plans: [
      { id: 'free', name: 'Free', monthlyCredits: 10, creditsPerImage: { default: 1, '2K': 3 }, maxSetSize: 4, maxConcurrentJobs: 0,
        storageQuotaMiB: 0, engines: ['builtin'], stripePriceId: null, ...free },
      { id: 'pro', name: 'Pro', monthlyCredits: 1000, creditsPerImage: { default: 1 }, maxSetSize: 15, maxConcurrentJobs: 0,
        storageQuotaMiB: 0, engines: ['builtin'], allowOwnKeys: true, stripePriceId: 'price_pro' },
    ],
    creditPacks: [{ id: 'pack-500', credits: 500, stripePriceId: 'price_pack500' }],
  }, problems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return catalog;
}

/** Test-app config overrides: plans from `catalog`, and whatever else `config` names. */
export function withPlans(catalog: PlanCatalog, base: Config['billing']['rateLimits'] = NO_RATE_LIMITS): Partial<Config> {
  return { billing: { catalog, rateLimits: base } };
}
