import {
  startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api, ApiError, byId, unwrap, type Answer } from './client';

export type Passkey = Answer<'/api/v1/me/passkeys', 'get'>['items'][number];

/** The person's passkeys, and the two WebAuthn ceremonies: the server's options, the authenticator, the server's check. */
export const passkeyApi = {
  list: () => unwrap(api.GET('/api/v1/me/passkeys')),
  async register(name: string) {
    // The WebAuthn options and credentials are typed by the browser library: the contract's open `clientExtensionResults`
    // and its plain options object do not line up with them, and the server checks them in full.
    const optionsJSON = (await unwrap(api.POST('/api/v1/me/passkeys/options'))) as unknown as PublicKeyCredentialCreationOptionsJSON;
    const credential = await startRegistration({ optionsJSON });
    return unwrap(api.POST('/api/v1/me/passkeys', { body: { name, credential: credential as never } }));
  },
  rename: (id: string, name: string) => unwrap(api.PATCH('/api/v1/me/passkeys/{id}', { ...byId(id), body: { name } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/me/passkeys/{id}', byId(id))),
  async signIn() {
    const optionsJSON = (await unwrap(api.POST('/api/v1/auth/passkey/options'))) as unknown as PublicKeyCredentialRequestOptionsJSON;
    const credential = await startAuthentication({ optionsJSON });
    return unwrap(api.POST('/api/v1/auth/passkey/login', { body: { credential: credential as never } }));
  },
};

/** Whether single sign-on is set up, and the label of its button. */
export const ssoApi = {
  info: () => unwrap(api.GET('/api/v1/auth/oidc')),
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
