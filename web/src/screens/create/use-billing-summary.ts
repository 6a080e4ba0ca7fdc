import { useCallback, useEffect, useState } from 'react';
import { billingApi, type BillingSummary } from '../../api/billing';

/**
 * Plans and balance, for the cost shown before a request is sent: null on a server without plans, or while (or if)
 * it fails to load. `refresh` reads the balance again after something was sent.
 */
export function useBillingSummary(): [BillingSummary | null, () => void] {
  const [billing, setBilling] = useState<BillingSummary | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    billingApi.summary(controller.signal).then(setBilling, () => undefined);
    return () => controller.abort();
  }, []);
  const refresh = useCallback(() => void billingApi.summary().then(setBilling, () => undefined), []);
  return [billing, refresh];
}
