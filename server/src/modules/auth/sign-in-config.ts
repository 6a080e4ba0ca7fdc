import type { EnvReader } from '../../config.js';
import { isUrl } from '../privacy/comms-config.js';

/** OpenID Connect sign-in, on when an issuer is set (the public address is config.privacy.publicUrl). */
export interface OidcConfig {
  /** The provider's issuer URL; its discovery document is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The text of the login screen's button. */
  buttonLabel: string;
}

export interface SignInConfig {
  oidc?: OidcConfig;
}

export function loadSignInConfig(r: EnvReader): SignInConfig {
  const issuer = r.optional('ATELIER_OIDC_ISSUER');
  const clientId = r.optional('ATELIER_OIDC_CLIENT_ID');
  const clientSecret = r.optional('ATELIER_OIDC_CLIENT_SECRET');
  const buttonLabel = r.string('ATELIER_OIDC_BUTTON_LABEL', 'Sign in with single sign-on');
  if (issuer === undefined) {
    if (clientId !== undefined || clientSecret !== undefined) {
      r.problems.push('ATELIER_OIDC_CLIENT_ID and ATELIER_OIDC_CLIENT_SECRET need ATELIER_OIDC_ISSUER (the provider\'s issuer URL)');
    }
    return {};
  }
  if (!isUrl(issuer, ['http:', 'https:'])) r.problems.push(`ATELIER_OIDC_ISSUER=${JSON.stringify(issuer)} must be the provider's http(s) issuer URL`);
  if (clientId === undefined) r.problems.push('ATELIER_OIDC_CLIENT_ID must be set with ATELIER_OIDC_ISSUER (the client id the provider gave Atelier)');
  if (clientSecret === undefined) r.problems.push('ATELIER_OIDC_CLIENT_SECRET must be set with ATELIER_OIDC_ISSUER');
  return { oidc: { issuer, clientId: clientId ?? '', clientSecret: clientSecret ?? '', buttonLabel } };
}

