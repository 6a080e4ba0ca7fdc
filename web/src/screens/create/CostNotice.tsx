import { creditsPerImage } from '@atelier/common/credit-cost';
import type { BillingSummary } from '../../api/billing';
import { useT } from '../../i18n/i18n';

export interface CostRequest {
  engine: string;
  width: number;
  height: number;
  count: number;
}

/** The credits of everything a request would queue, by the plan's rule (common/credit-cost). */
export const creditsFor = (plan: NonNullable<BillingSummary['plan']>, requests: readonly CostRequest[]) =>
  requests.reduce((sum, r) => sum + creditsPerImage(plan, r.engine, r.width, r.height) * r.count, 0);

/**
 * The credits a request will take (every generation it queues: one, a batch file's rows, a workflow's steps), next
 * to the button that sends it; nothing on a server without plans.
 */
export function CostNotice({ billing, requests, id }: { billing: BillingSummary | null; requests: readonly CostRequest[]; id: string }) {
  const t = useT();
  if (!billing?.plan) return null;
  const cost = creditsFor(billing.plan, requests);
  const short = billing.balance !== null && cost > billing.balance;
  return (
    <span id={id} className={short ? 'field-hint cost-short' : 'field-hint'} role="status">
      {t('billing.cost', { n: cost, balance: billing.balance ?? 0 })}
      {short && ` ${t('billing.notEnough')}`}
    </span>
  );
}
