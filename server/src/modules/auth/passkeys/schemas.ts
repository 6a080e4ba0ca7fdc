import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../http/schema-types.js';

const Base64Url = Type.String({ minLength: 1, maxLength: 16_384, pattern: '^[A-Za-z0-9_-]+={0,2}$' });
const PasskeyName = Type.String({ minLength: 1, maxLength: 60, description: 'A name the person recognises the passkey by' });
/** What the browser's WebAuthn API gives, passed through as @simplewebauthn/browser serialises it. */
const CredentialFields = {
  id: Base64Url,
  rawId: Base64Url,
  type: Type.Literal('public-key'),
  authenticatorAttachment: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')])),
  clientExtensionResults: Type.Object({}),
};

export const RegistrationCredential = Type.Object({
  ...CredentialFields,
  response: Type.Object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    authenticatorData: Type.Optional(Base64Url),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
    publicKey: Type.Optional(Base64Url),
  }),
});

export const AuthenticationCredential = Type.Object({
  ...CredentialFields,
  response: Type.Object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Type.Optional(Base64Url),
  }),
});

export const RegisterPasskeyBody = Type.Object({ name: PasskeyName, credential: RegistrationCredential }, { additionalProperties: false });
export const RenamePasskeyBody = Type.Object({ name: PasskeyName }, { additionalProperties: false });
export const PasskeyLoginBody = Type.Object({ credential: AuthenticationCredential }, { additionalProperties: false });
export const PasskeyIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const PasskeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** Synced by its provider (a phone or password manager), so it survives the loss of one device. */
  backedUp: Type.Boolean(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
});

/** The options of a WebAuthn ceremony, for the browser's navigator.credentials (see @simplewebauthn/browser). */
export const CeremonyOptions = Type.Object({ challenge: Type.String() }, { additionalProperties: true });
