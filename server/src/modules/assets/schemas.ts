import { Type, type Static } from '@sinclair/typebox';
import { Nullable, TotalAccuracySchema } from '../../http/schema-types.js';

/** The kinds the gallery lists. */
export const GalleryKindSchema = Type.Union([Type.Literal('upload'), Type.Literal('generated'), Type.Literal('edited')]);
/** Masks (inpainting) are assets too, reachable by id, never listed. */
export const AssetKindSchema = Type.Union([...GalleryKindSchema.anyOf, Type.Literal('mask')]);

export const AssetSchema = Type.Object({
  id: Type.String(),
  kind: AssetKindSchema,
  mime: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  bytes: Type.Integer(),
  sha256: Type.String({ description: 'Hex sha256 of the stored image (also its ETag)' }),
  favorite: Type.Boolean(),
  neverUseForTraining: Type.Boolean({ description: 'True: this image is never used for training, even while your training consent is on (an album marked so keeps its images out too)' }),
  inNeverTrainAlbum: Type.Optional(Type.Boolean({ description: 'On a single image (not in lists): true when an album holding it is marked "never use for training", which keeps it out whatever its own mark' })),
  tags: Type.Array(Type.String()),
  parentId: Nullable(Type.String()),
  generationId: Nullable(Type.String()),
  outputIndex: Nullable(Type.Integer()),
  prompt: Nullable(Type.String({ description: 'The prompt of a generated or edited image; null for uploads' })),
  fileName: Type.Optional(Type.String({ description: 'The original file name of an upload' })),
  digitalSourceType: Type.Optional(Type.String({ description: 'The IPTC digital source type the image claims (absent: none)' })),
  contentCredentials: Type.Optional(Type.Boolean({ description: "True when the image carries its provider's C2PA manifest (Content Credentials), kept intact" })),
  contentCredentialsState: Type.Optional(Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('unverified')], {
    description: "With contentCredentials: 'valid' (signed, and this image's bytes match the claim; the signer is not checked " +
      "against a trust list), 'invalid' (a broken manifest, or a signature or hash that does not match), 'unverified' (read, but " +
      'its binding to this format cannot be checked here)',
  })),
  checking: Type.Optional(Type.Literal(true, {
    description: 'An upload the image check has not looked at yet (only with the check on): yours only, and it cannot be shared, ' +
      'edited or used as a reference until the check ends (409 IMAGE_CHECKING). A refused one is deleted; a blurred one is stored blurred',
  })),
  createdAt: Type.String({ format: 'date-time' }),
  deletedAt: Nullable(Type.String({ format: 'date-time', description: 'Set while the asset is in the trash' })),
  purgeAt: Type.Optional(Type.String({ format: 'date-time', description: 'In the trash: when it will be deleted for good' })),
  urls: Type.Object({ content: Type.String(), thumbnail: Type.String() }),
});
export type AssetDto = Static<typeof AssetSchema>;

export const AssetPage = Type.Object({
  items: Type.Array(AssetSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` to get the next page; null on the last page' })),
  total: Type.Optional(Nullable(Type.Integer({
    description: 'How many match in all: exact from counters kept per kind, trash and favourite; on the first page only ' +
      'with a search text, album or tag (see totalAccuracy; later pages leave it out); null when it cannot be told cheaply',
  }))),
  totalAccuracy: Type.Optional(TotalAccuracySchema),
});

export const AssetIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const MAX_PAGE = 200;

export const ListAssetsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(GalleryKindSchema),
    album: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only assets in this album' })),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only assets with this tag' })),
    favorite: Type.Optional(Type.Boolean({ description: 'true: only favorites; false: only non-favorites' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive text in the prompt or file name' })),
    trash: Type.Optional(Type.Boolean({ description: 'true: list the trash (newest created first) instead of the gallery' })),
  },
  { additionalProperties: false },
);
export type ListAssetsQuery = Static<typeof ListAssetsQuery>;

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 40;

export const SetTagsBody = Type.Object(
  {
    tags: Type.Array(Type.String({ maxLength: 200 }), {
      maxItems: MAX_TAGS * 4,
      description: `Replaces the asset's tags. Each is trimmed and lowercased, 1-${MAX_TAG_LENGTH} characters; at most ${MAX_TAGS} distinct tags`,
    }),
  },
  { additionalProperties: false },
);

export const TagList = Type.Object({ items: Type.Array(Type.Object({ tag: Type.String(), count: Type.Integer() })) });

export const MAX_BULK = 500;

export const BulkAction = Type.Union([
  Type.Literal('delete'),
  Type.Literal('restore'),
  Type.Literal('purge'),
  Type.Literal('favorite'),
  Type.Literal('unfavorite'),
  Type.Literal('add_to_album'),
  Type.Literal('remove_from_album'),
]);
export type BulkAction = Static<typeof BulkAction>;

export const BulkBody = Type.Object(
  {
    action: BulkAction,
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: MAX_BULK }),
    albumId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Required for add_to_album and remove_from_album' })),
  },
  { additionalProperties: false },
);
export type BulkBody = Static<typeof BulkBody>;

export const ArchiveBody = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: MAX_BULK,
      description: `Ids of your live images, 1-${MAX_BULK}; the zip holds their originals in this order`,
    }),
  },
  { additionalProperties: false },
);

export const BulkResult = Type.Object({
  action: BulkAction,
  /** How many distinct assets the action was applied to. */
  count: Type.Integer(),
  /** How many of them actually changed (e.g. restoring a live asset changes nothing). */
  changed: Type.Integer(),
});

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
});

export const EmptyTrashResult = Type.Object({
  purged: Type.Integer({ description: 'Images deleted for good during this request' }),
  queued: Type.Boolean({ description: 'True when more were left: a job deletes the rest (answered 202)' }),
});
