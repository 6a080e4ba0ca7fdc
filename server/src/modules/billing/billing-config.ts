import type { EnvReader } from '../../config.js';
import { loadPlanCatalog, type PlanCatalog } from './plans.js';

export interface StripeConfig {
  secretKey: string;
  webhookSecret?: string;
  /** Tests only: where the Stripe API is (a conformance stub on 127.0.0.1). */
  apiBase?: URL;
}

/** Requests per window of each rate limit; 0 turns that limit off. */
export interface RateLimitConfig {
  /** Generations and edits per minute per person. */
  generationsPerMinute: number;
  /** Uploads per minute per person. */
  uploadsPerMinute: number;
  /** Generations and edits per minute per address, whoever asks (several people behind one address share it). */
  generationsPerMinutePerAddress: number;
  /** Uploads per minute per address. */
  uploadsPerMinutePerAddress: number;
  /** Content reports per hour per person. */
  reportsPerHour: number;
  /** Messages to support per hour per person. */
  supportPerHour: number;
  /** Messages to support per hour per address, every account from it together. */
  supportPerHourPerAddress: number;
  /** Sign-ups per hour per address. */
  signupsPerHour: number;
  /** Requests per minute per address to endpoints anyone may call (recovery, verification, the second step of a login, analytics). */
  anonymousPerMinute: number;
}

export interface BillingConfig {
  /** Plans and credit packs from ATELIER_PLANS_FILE; absent: every account is unlimited. */
  catalog?: PlanCatalog;
  stripe?: StripeConfig;
  rateLimits: RateLimitConfig;
}

export function loadBillingConfig(r: EnvReader): BillingConfig {
  const plansFile = r.optional('ATELIER_PLANS_FILE');
  const catalog = plansFile === undefined ? undefined : loadPlanCatalog(plansFile, r.problems);
  return {
    catalog,
    stripe: loadStripeConfig(r, catalog),
    rateLimits: {
      generationsPerMinute: r.int('ATELIER_RATE_LIMIT_GENERATIONS', 60, 0, 100_000),
      uploadsPerMinute: r.int('ATELIER_RATE_LIMIT_UPLOADS', 60, 0, 100_000),
      generationsPerMinutePerAddress: r.int('ATELIER_RATE_LIMIT_GENERATIONS_PER_ADDRESS', 180, 0, 100_000),
      uploadsPerMinutePerAddress: r.int('ATELIER_RATE_LIMIT_UPLOADS_PER_ADDRESS', 180, 0, 100_000),
      reportsPerHour: r.int('ATELIER_RATE_LIMIT_REPORTS', 20, 0, 100_000),
      supportPerHour: r.int('ATELIER_RATE_LIMIT_SUPPORT', 5, 0, 100_000),
      supportPerHourPerAddress: r.int('ATELIER_RATE_LIMIT_SUPPORT_PER_ADDRESS', 20, 0, 100_000),
      signupsPerHour: r.int('ATELIER_RATE_LIMIT_SIGNUPS', 20, 0, 100_000),
      anonymousPerMinute: r.int('ATELIER_RATE_LIMIT_ANONYMOUS', 120, 0, 100_000),
    },
  };
}

function loadStripeConfig(r: EnvReader, catalog: PlanCatalog | undefined): StripeConfig | undefined {
  const secretKey = r.optional('ATELIER_STRIPE_SECRET_KEY');
  const webhookSecret = r.optional('ATELIER_STRIPE_WEBHOOK_SECRET');
  const base = r.optional('ATELIER_STRIPE_API_BASE');
  if (secretKey === undefined) {
    if (webhookSecret || base) r.problems.push('ATELIER_STRIPE_SECRET_KEY must be set when any other ATELIER_STRIPE_ variable is');
    return undefined;
  }
  if (!catalog) r.problems.push('ATELIER_STRIPE_SECRET_KEY needs ATELIER_PLANS_FILE: Stripe sells the plans and credit packs named there');
  if (!/^(sk|rk)_/.test(secretKey)) r.problems.push('ATELIER_STRIPE_SECRET_KEY must be a Stripe secret key (sk_… or rk_…)');
  if (webhookSecret !== undefined && !webhookSecret.startsWith('whsec_')) r.problems.push('ATELIER_STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)');
  let apiBase: URL | undefined;
  if (base !== undefined) {
    try {
      apiBase = new URL(base);
    } catch {
      r.problems.push(`ATELIER_STRIPE_API_BASE=${JSON.stringify(base)} must be a URL such as http://127.0.0.1:12111`);
    }
  }
  return { secretKey, webhookSecret, apiBase };
}
