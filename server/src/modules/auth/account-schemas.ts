import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Token = Type.String({ minLength: 1, maxLength: 200 });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Code = Type.String({ minLength: 1, maxLength: 40, description: 'The 6 digits of the authenticator app, or a recovery code' });

export const PasswordResetBody = Type.Object({ email: Email }, { additionalProperties: false });
export const PasswordResetAccepted = Type.Object({ message: Type.String() });
export const PasswordResetConfirmBody = Type.Object({ token: Token, password: Password }, { additionalProperties: false });
export const VerifyBody = Type.Object({ token: Token }, { additionalProperties: false });
export const Done = Type.Object({ ok: Type.Literal(true) });

export const AuthConfigSchema = Type.Object({
  signup: Type.Union([Type.Literal('open'), Type.Literal('invite'), Type.Literal('closed')]),
  /** No account exists yet: the studio offers "Create the administrator account". */
  firstRun: Type.Boolean(),
  requireVerifiedEmail: Type.Boolean(),
});

export const MfaCodeBody = Type.Object({ code: Code }, { additionalProperties: false });
export const MfaDisableBody = Type.Object({ password: Password, code: Code }, { additionalProperties: false });
export const TotpEnrolment = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export const MfaStatus = Type.Object({ totp: Type.Boolean() });

export const AdminUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('user')]),
  status: Type.String(),
  created: Type.String(),
  lastActive: Nullable(Type.String()),
  images: Type.Integer(),
  storageBytes: Type.Integer(),
  emailVerified: Type.Boolean(),
  mfa: Type.Boolean(),
  suspensionReason: Nullable(Type.String()),
  /** The plan that applies to the person; null: this server has no plans (nothing is limited). */
  plan: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
});
export const AdminUserPage = Type.Object({ items: Type.Array(AdminUser), nextCursor: Nullable(Type.String()) });
export const AdminUserQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 254 })),
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const RoleBody = Type.Object({ role: Type.Union([Type.Literal('admin'), Type.Literal('user')]) }, { additionalProperties: false });
export const SuspendBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  actorId: Nullable(Type.String()),
  actorEmail: Nullable(Type.String()),
  action: Type.String(),
  target: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String(),
});
export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), nextCursor: Nullable(Type.Integer()) });
export const AuditQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });

export const InvitationBody = Type.Object({
  email: Type.Optional(Email),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'How long the link works (default 7 days)' })),
}, { additionalProperties: false });
export const InvitationSchema = Type.Object({
  id: Type.String(),
  email: Nullable(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('used'), Type.Literal('expired')]),
  url: Type.Optional(Type.String()),
});
export const InvitationList = Type.Object({ items: Type.Array(InvitationSchema) });
