import type { Static } from '@sinclair/typebox';
import {
  startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { PasskeySchema } from '../../../server/src/modules/auth/passkeys/schemas';
import { api, ApiError } from './client';
import type { SessionResponse } from './types';

export type Passkey = Static<typeof PasskeySchema>;

/** The person's passkeys, and the two WebAuthn ceremonies: the server's options, the authenticator, the server's check. */
export const passkeyApi = {
  list: () => api<{ items: Passkey[] }>('GET', '/me/passkeys'),
  async register(name: string): Promise<Passkey> {
    const optionsJSON = await api<PublicKeyCredentialCreationOptionsJSON>('POST', '/me/passkeys/options');
    const credential = await startRegistration({ optionsJSON });
    return api<Passkey>('POST', '/me/passkeys', { body: { name, credential } });
  },
  rename: (id: string, name: string) => api<void>('PATCH', `/me/passkeys/${encodeURIComponent(id)}`, { body: { name } }),
  remove: (id: string) => api<void>('DELETE', `/me/passkeys/${encodeURIComponent(id)}`),
  async signIn(): Promise<SessionResponse> {
    const optionsJSON = await api<PublicKeyCredentialRequestOptionsJSON>('POST', '/auth/passkey/options');
    const credential = await startAuthentication({ optionsJSON });
    return api<SessionResponse>('POST', '/auth/passkey/login', { body: { credential } });
  },
};

/** Whether single sign-on is set up, and the label of its button. */
export const ssoApi = {
  info: () => api<{ enabled: boolean; buttonLabel: string | null }>('GET', '/auth/oidc'),
  startUrl: '/api/v1/auth/oidc/start',
};

/** The message of a failed ceremony: the studio's own for a passkey refused or expired, the server's for the rest. */
export function passkeyErrorKey(err: unknown):
  'api' | 'passkeys.alreadyRegistered' | 'passkeys.canceled' | 'passkeys.failed' | 'passkeys.refused' | 'passkeys.expired' | 'passkeys.wrongSite' {
  if (err instanceof ApiError) {
    if (err.code === 'INVALID_CREDENTIALS') return 'passkeys.refused';
    return err.code === 'INVALID_STATE' ? 'passkeys.expired' : 'api';
  }
  const { name, code } = err as { name?: string; code?: string };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'passkeys.alreadyRegistered';
  // The page's address is not the one the server names as the passkeys' site (ATELIER_PUBLIC_URL).
  if (code === 'ERROR_INVALID_RP_ID' || code === 'ERROR_INVALID_DOMAIN') return 'passkeys.wrongSite';
  // The person closed the browser's dialog, or it timed out (the browser does not tell which).
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return 'passkeys.canceled';
  return 'passkeys.failed';
}
