/**
 * The cookie choice. Accepting analytics sets the `atelier_analytics=1` cookie (the server counts usage only
 * when it is present); declining stores the choice in localStorage only, so no cookie is set at all.
 */

export const ANALYTICS_COOKIE = 'atelier_analytics';
const CHOICE_KEY = 'atelier.cookieChoice';
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

export type CookieChoice = 'accepted' | 'declined';

function hasAnalyticsCookie(): boolean {
  return document.cookie.split(';').some((part) => part.trim() === `${ANALYTICS_COOKIE}=1`);
}

/** The choice made in this browser, or null when the person has not chosen yet. */
export function readCookieChoice(): CookieChoice | null {
  if (hasAnalyticsCookie()) return 'accepted';
  try {
    return localStorage.getItem(CHOICE_KEY) === 'declined' ? 'declined' : null;
  } catch {
    return null;
  }
}

export function acceptAnalytics(): void {
  document.cookie = `${ANALYTICS_COOKIE}=1; Path=/; Max-Age=${MAX_AGE_SECONDS}; SameSite=Lax`;
  try {
    localStorage.removeItem(CHOICE_KEY);
  } catch {
    // storage unavailable: the cookie alone records the choice
  }
}

export function declineAnalytics(): void {
  document.cookie = `${ANALYTICS_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  try {
    localStorage.setItem(CHOICE_KEY, 'declined');
  } catch {
    // storage unavailable: the banner will ask again next time, which is the safe side
  }
}
