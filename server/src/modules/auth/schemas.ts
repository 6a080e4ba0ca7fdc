import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';
import { LANGUAGES } from '../../lib/language.js';

const Email = Type.String({ format: 'email', maxLength: 254, description: 'Email address' });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const LanguageSchema = Type.Union(LANGUAGES.map((l) => Type.Literal(l)), {
  description: 'The language of the studio, of emails and of API error messages (en: English, zh: Simplified Chinese)',
});

export const SignupBody = Type.Object({
  email: Email, password: Password, name: Name,
  invitation: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The token of an invitation link (ATELIER_SIGNUP=invite)' })),
  language: Type.Optional(LanguageSchema),
}, { additionalProperties: false });
export type SignupBody = Static<typeof SignupBody>;

/** An open sign-up's answer (202), the same for every address: the rest happens by email (ADR 0026). */
export const SignupPendingResponse = Type.Object({
  pending: Type.Literal(true),
  message: Type.String(),
});

export const SignupConfirmBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'The token of the emailed sign-up link' }),
  password: Password,
}, { additionalProperties: false });
export type SignupConfirmBody = Static<typeof SignupConfirmBody>;

export const LoginBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Name),
    email: Type.Optional(Email),
    currentPassword: Type.Optional(Password),
    language: Type.Optional(LanguageSchema),
    preferences: Type.Optional(
      Type.Object(
        { embedPromptInImages: Type.Optional(Type.Boolean()), watermarkByDefault: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const PasswordChanged = Type.Object({
  revokedSessions: Type.Integer({ description: 'How many other sessions were signed out' }),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('user')]),
  preferences: Type.Object({ embedPromptInImages: Type.Boolean(), watermarkByDefault: Type.Boolean() }),
  createdAt: Type.String(),
  emailVerified: Type.Boolean(),
  language: LanguageSchema,
});

/** GET /me: the user and, while a material privacy policy change awaits their acknowledgement, its notice. */
export const MeSchema = Type.Composite([
  UserSchema,
  Type.Object({
    policyNotice: Nullable(Type.Object({ version: Type.String(), effectiveDate: Type.String(), summary: Type.String() })),
  }),
]);

export const SessionResponse = Type.Object({
  /** The signed-in person, with the policy notice they still have to acknowledge (as on GET /me). */
  user: MeSchema,
  csrfToken: Type.String(),
  /** Present (true) when this login withdrew the account's pending deletion. */
  deletionCanceled: Type.Optional(Type.Boolean()),
});

/** POST /auth/login with a second factor on: no session yet; POST /auth/login/mfa completes it. */
export const MfaRequiredResponse = Type.Object({ mfaRequired: Type.Literal(true) });

export const LoginResponse = Type.Union([SessionResponse, MfaRequiredResponse]);

export const SessionSchema = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  device: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
});

export const SessionIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
