import { privacyApi, type Consents } from '../api/privacy';
import { readCookieChoice } from './cookie-consent';

export interface ConsentPort {
  consents(): Promise<Consents>;
  setConsents(body: { analytics: boolean }): Promise<Consents>;
}

/**
 * After signing in or up: a person who accepted analytics in the cookie banner before having an account gets
 * that choice recorded on the account too, unless it is already on there. A declined choice is never sent (it
 * stays in this browser only), and an account's existing "on" is left as it is.
 * Returns true when it recorded the consent.
 */
export async function carryBannerConsent(port: ConsentPort = privacyApi): Promise<boolean> {
  if (readCookieChoice() !== 'accepted') return false;
  const current = await port.consents();
  if (current.consents.analytics.granted) return false;
  await port.setConsents({ analytics: true });
  return true;
}
