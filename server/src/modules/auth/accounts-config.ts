import type { EnvReader } from '../../config.js';

export type SignupPolicy = 'open' | 'invite' | 'closed';

/** Who may create an account, and what an unverified one may do (README: Accounts). */
export interface AccountsConfig {
  /** open: anyone; invite: only with an administrator's invitation; closed: nobody (but the first account). */
  signup: SignupPolicy;
  /** When not empty, open sign-ups need an address at one of these domains (invitations are exempt). */
  signupDomains: string[];
  /** When true, accounts whose email is not verified cannot generate or edit images. */
  requireVerifiedEmail: boolean;
}

export function loadAccountsConfig(r: EnvReader): AccountsConfig {
  const domains = r.string('ATELIER_SIGNUP_DOMAINS', '').split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
  for (const d of domains) {
    if (!/^[a-z0-9.-]+\.[a-z0-9-]+$/.test(d)) r.problems.push(`ATELIER_SIGNUP_DOMAINS: "${d}" is not a domain name (example.com)`);
  }
  return {
    signup: r.oneOf('ATELIER_SIGNUP', 'open', ['open', 'invite', 'closed'] as const),
    signupDomains: domains,
    requireVerifiedEmail: r.bool('ATELIER_REQUIRE_VERIFIED_EMAIL', false),
  };
}
