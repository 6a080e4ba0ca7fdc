import type { Config } from '../../../config.js';
import type { EngineCapabilities } from '../../../engines/engine.js';

/** Everything the /privacy page states that depends on configuration, read live from it. */
export interface PrivacyFacts {
  version: string;
  effectiveDate: string;
  contact: string | null;
  trainingUse: 'never' | 'opt_in';
  /** Engines that send prompts (and reference images) to an outside model provider: only configured ones exist. */
  providers: { id: string; name: string; model: string | null }[];
  logRetentionDays: number;
  sessionTtlDays: number;
  trashRetentionDays: number;
  deletionGraceDays: number;
  exportRetentionDays: number;
  analyticsRetentionDays: number;
  backupKeepDays: number;
  /** Closed content reports are deleted this many days after they were closed. */
  reportRetentionDays: number;
  /** Messages to support: kept this many days; emailed to the operator's support address when one is set. */
  support: { retentionDays: number; email: string | null };
  emailDelivery: 'smtp' | 'outbox only';
  policyMaterial: boolean;
  /** Plans and credits (ATELIER_PLANS_FILE), and whether payments go through Stripe. */
  billing: { plans: boolean; stripe: boolean };
  /** The prompt policy (ATELIER_MODERATION_FILE), its categories, and after how many refusals an account is suspended. */
  moderation: {
    categories: string[]; autoSuspendAfter: number | null;
    /** The image classifier: the classes it acts on and what it does with a flagged image; null when it is off. */
    images: { classes: string[]; action: 'withhold' | 'blur' } | null;
  } | null;
}

export function privacyFacts(config: Config, engines: readonly EngineCapabilities[]): PrivacyFacts {
  const p = config.privacy;
  return {
    version: p.policyVersion,
    effectiveDate: p.policyEffectiveDate,
    contact: p.privacyContact ?? null,
    trainingUse: p.trainingUse,
    providers: engines.filter((e) => e.neural).map((e) => ({ id: e.id, name: e.name, model: e.model ?? null })),
    logRetentionDays: p.logRetentionDays,
    sessionTtlDays: config.sessionTtlDays,
    trashRetentionDays: config.trashRetentionDays,
    deletionGraceDays: p.deletionGraceDays,
    exportRetentionDays: p.exportRetentionDays,
    analyticsRetentionDays: p.analyticsRetentionDays,
    backupKeepDays: p.backupKeepDays,
    reportRetentionDays: p.reportRetentionDays,
    support: { retentionDays: p.supportRetentionDays, email: p.supportEmail ?? null },
    emailDelivery: p.smtpUrl ? 'smtp' : 'outbox only',
    policyMaterial: p.policyMaterial,
    billing: { plans: config.billing.catalog !== undefined, stripe: config.billing.stripe !== undefined },
    moderation: config.moderation
      ? {
        categories: Object.keys(config.moderation.promptCategories), autoSuspendAfter: config.moderation.autoSuspendAfter,
        images: config.moderation.images.enabled
          ? { classes: Object.keys(config.moderation.images.thresholds), action: config.moderation.images.action } : null,
      }
      : null,
  };
}
