import { creditsPerImage } from '@atelier/common/credit-cost';
import type { BillingSummary } from '../../api/billing';
import { useT } from '../../i18n/i18n';

export interface CostRequest {
  engine: string;
  width: number;
  height: number;
  count: number;
}

/** The credits a request will take, next to the button that sends it; nothing on a server without plans. */
export function CostNotice({ billing, request, id }: { billing: BillingSummary | null; request: CostRequest; id: string }) {
  const t = useT();
  if (!billing?.plan) return null;
  const cost = creditsPerImage(billing.plan, request.engine, request.width, request.height) * request.count;
  const short = billing.balance !== null && cost > billing.balance;
  return (
    <span id={id} className={short ? 'field-hint cost-short' : 'field-hint'} role="status">
      {t('billing.cost', { n: cost, balance: billing.balance ?? 0 })}
      {short && ` ${t('billing.notEnough')}`}
    </span>
  );
}
