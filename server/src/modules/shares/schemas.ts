import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

export const MAX_EXPIRY_DAYS = 365;
export const SHARE_PASSWORD_MIN = 4;
export const SHARE_PASSWORD_MAX = 200;

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const CreateShareBody = Type.Object(
  {
    assetId: Type.Optional(Id),
    generationId: Type.Optional(Id),
    albumId: Type.Optional(Id),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EXPIRY_DAYS, description: 'Days until the link stops working; none: it works until revoked' })),
    password: Type.Optional(Type.String({ minLength: SHARE_PASSWORD_MIN, maxLength: SHARE_PASSWORD_MAX, description: 'Viewers must type it first' })),
    allowDownload: Type.Boolean({ description: 'Offer viewers a download of the original (stripped of the prompt unless includePrompt)' }),
    includePrompt: Type.Optional(Type.Boolean({ default: false, description: 'Show the prompt on the page and keep it in the served images' })),
  },
  { additionalProperties: false, description: 'Exactly one of assetId, generationId or albumId' },
);
export type CreateShareBody = Static<typeof CreateShareBody>;

export const ShareSchema = Type.Object({
  id: Type.String(),
  target: Type.Object({ kind: Type.Union([Type.Literal('asset'), Type.Literal('generation'), Type.Literal('album')]), id: Type.String() }),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked'), Type.Literal('unavailable')], {
    description: 'unavailable: not revoked or expired, but it shows nothing now (see unavailableReason) and answers 410',
  }),
  unavailableReason: Nullable(Type.Union([Type.Literal('in_trash'), Type.Literal('deleted'), Type.Literal('empty')], {
    description: 'Why an unavailable link shows nothing: its images are in the trash (restoring one brings it back), what it showed was deleted, or the album is empty',
  })),
  preview: Type.Object({
    assetId: Nullable(Type.String({ description: 'An image of the link for its thumbnail (yours; the first it shows, else a trashed one)' })),
    text: Nullable(Type.String({ description: "The album's name or the set's prompt, cut short; null for an image" })),
    images: Type.Integer({ description: 'Images the link shows now' }),
  }, { description: 'For telling your links apart; never shown to viewers' }),
  allowDownload: Type.Boolean(),
  includePrompt: Type.Boolean(),
  hasPassword: Type.Boolean(),
  viewCount: Type.Integer({ description: 'Times the page was shown; nothing is kept about who viewed it' }),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ShareDto = Static<typeof ShareSchema>;

export const CreatedShare = Type.Composite([
  ShareSchema,
  Type.Object({ url: Type.String({ description: 'The link; shown once: only its hash is stored' }) }),
]);
export type CreatedShareDto = Static<typeof CreatedShare>;

export const ShareList = Type.Object({ items: Type.Array(ShareSchema) });
export const ShareIdParams = Type.Object({ id: Id });
