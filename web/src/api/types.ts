/**
 * Shapes of the API's answers. Those the server declares as response schemas (the ones /api/docs shows) are derived
 * from those schemas, so a change on the server that the web app does not follow fails its type check.
 */
import type { Static } from '@sinclair/typebox';
import type { EngineCapabilitiesSchema } from '../../../server/src/engines/schemas';
import type { AlbumSchema } from '../../../server/src/modules/albums/schemas';
import type { AssetKindSchema, GalleryKindSchema, AssetSchema } from '../../../server/src/modules/assets/schemas';
import type { MeSchema, SessionResponse as SessionResponseSchema, UserSchema } from '../../../server/src/modules/auth/schemas';
import type {
  GenerationParamsSchema,
  GenerationSchema,
  GenerationStatusSchema,
  OutputSchema,
} from '../../../server/src/modules/generations/schemas';

/** The signed-in person, with the privacy policy notice they still have to acknowledge (GET /me, login, sign-up). */
export type User = Static<typeof MeSchema>;
/** The person's profile as PATCH /me answers it (no policy notice). */
export type Profile = Static<typeof UserSchema>;
export type SessionResponse = Static<typeof SessionResponseSchema>;

export type EngineCapabilities = Static<typeof EngineCapabilitiesSchema>;

export type AssetKind = Static<typeof AssetKindSchema>;
/** The kinds a gallery lists and filters by (masks are never listed). */
export type GalleryKind = Static<typeof GalleryKindSchema>;
export type Asset = Static<typeof AssetSchema>;

/** One page of a keyset-paged list, as the studio's pager reads it: every page the server answers has this shape. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** How many match in all, where the server keeps a count for the filter; null where it does not. */
  total?: number | null;
}

export type GenerationStatus = Static<typeof GenerationStatusSchema>;
export type GenerationOutput = Static<typeof OutputSchema>;
export type GenerationParams = Static<typeof GenerationParamsSchema>;
export type Generation = Static<typeof GenerationSchema>;
export type Album = Static<typeof AlbumSchema>;
