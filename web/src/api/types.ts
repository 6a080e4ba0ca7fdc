/**
 * Shapes of the API's answers that several screens share, derived from the generated contract: a change on the
 * server that the studio does not follow fails its type check once `npm run openapi` has run.
 */
import type { Answer } from './client';

/** The signed-in person, with the privacy policy notice they still have to acknowledge (GET /me, login, sign-up). */
export type User = Answer<'/api/v1/me', 'get'>;
/** The person's profile as PATCH /me answers it (no policy notice). */
export type Profile = Answer<'/api/v1/me', 'patch'>;
export type SessionResponse = Answer<'/api/v1/auth/signup', 'post'>;

export type EngineCapabilities = Answer<'/api/v1/engines', 'get'>['items'][number];

export type Asset = Answer<'/api/v1/assets/{id}', 'get'>;
export type AssetKind = Asset['kind'];
/** The kinds a gallery lists and filters by (masks are never listed). */
export type GalleryKind = Exclude<AssetKind, 'mask'>;

export type TotalAccuracy = 'exact' | 'atLeast' | 'about';

/** One page of a keyset-paged list, as the studio's pager reads it: every page the server answers has this shape. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** How many match in all, where the server keeps a count for the filter; null where it does not. */
  total?: number | null;
  /** How the server found `total`: exact, counted up to a cap (more match), or estimated. */
  totalAccuracy?: TotalAccuracy;
}

export type Generation = Answer<'/api/v1/generations/{id}', 'get'>;
export type GenerationStatus = Generation['status'];
export type GenerationOutput = Generation['outputs'][number];
export type GenerationParams = Generation['params'];
export type Album = Answer<'/api/v1/albums/{id}', 'get'>;
