import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

export const ALBUM_NAME_MAX = 100;
export const ALBUM_DESCRIPTION_MAX = 1000;
export const MAX_MEMBERSHIP_BATCH = 500;

export const AlbumSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  assetCount: Type.Integer({ description: 'Live (not trashed) assets in the album' }),
  coverAssetId: Type.Union([Type.String(), Type.Null()], { description: 'The most recently added live asset' }),
  neverUseForTraining: Type.Boolean({ description: "True: none of the album's images is ever used for training, even while the owner's training consent is on" }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AlbumDto = Static<typeof AlbumSchema>;

export const AlbumPage = Type.Object({
  items: Type.Array(AlbumSchema),
  nextCursor: Nullable(Type.String()),
});

export const AlbumIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const AlbumAssetParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  assetId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const ListAlbumsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Lengths are checked again after trimming in the service. */
const Name = Type.String({ minLength: 1, maxLength: ALBUM_NAME_MAX + 50 });
const Description = Type.String({ maxLength: ALBUM_DESCRIPTION_MAX + 50 });

export const CreateAlbumBody = Type.Object({ name: Name, description: Type.Optional(Description) }, { additionalProperties: false });
export type CreateAlbumBody = Static<typeof CreateAlbumBody>;

export const UpdateAlbumBody = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(Description), neverUseForTraining: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAlbumBody = Static<typeof UpdateAlbumBody>;

export const AlbumAssetsBody = Type.Object(
  { assetIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: MAX_MEMBERSHIP_BATCH }) },
  { additionalProperties: false },
);
export type AlbumAssetsBody = Static<typeof AlbumAssetsBody>;

export const AddAssetsResult = Type.Object({ added: Type.Integer(), album: AlbumSchema });
export const RemoveAssetsResult = Type.Object({ removed: Type.Integer(), album: AlbumSchema });
