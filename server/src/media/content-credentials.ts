/**
 * Checks a provider's Content Credentials (a C2PA manifest store) with c2pa-ts, a pure TypeScript reader: the
 * JUMBF structure (the 'c2pa' manifest store, its active manifest's claim and signature), then for JPEG and PNG the
 * claim's signature, the signing certificate's profile and the data hash over the image's bytes. The signer is not
 * checked against a trust list (none is configured), so "valid" means intact and signed, not "by whom".
 */
import { MalformedContentError } from '@trustnxt/c2pa-ts';
import { JPEG, PNG, type Asset } from '@trustnxt/c2pa-ts/asset';
import { SuperBox } from '@trustnxt/c2pa-ts/jumbf';
import { ManifestStore, ValidationError } from '@trustnxt/c2pa-ts/manifest';
import { webpC2pa } from './containers/webp.js';

/**
 * valid: signed, and the image's bytes match the claim; invalid: a broken manifest store, a signature or hash that
 * does not match; unverified: the structure reads well but this format's binding cannot be checked here (WebP).
 */
export type ContentCredentialsState = 'valid' | 'invalid' | 'unverified';

export interface ContentCredentialsCheck {
  state: ContentCredentialsState;
  /** The C2PA status codes of what failed (empty when valid). */
  failures: string[];
}

const READERS: Record<string, (data: Uint8Array) => Asset> = {
  'image/jpeg': (data) => new JPEG(data),
  'image/png': (data) => new PNG(data),
};

/** The check of an image already known to carry a manifest store (`hasContentCredentials`). */
export async function checkContentCredentials(buf: Buffer, mime: string): Promise<ContentCredentialsCheck> {
  let asset: Asset | undefined;
  let jumbf: Uint8Array | undefined;
  try {
    asset = READERS[mime]?.(new Uint8Array(buf));
    jumbf = asset ? asset.getManifestJUMBF() : mime === 'image/webp' ? webpC2pa(buf) : undefined;
  } catch {
    // The container itself is not one the reader follows: no verdict on the credentials.
    return { state: 'unverified', failures: [] };
  }
  if (!jumbf) return { state: 'invalid', failures: ['manifest.missing'] };
  let store: ManifestStore;
  try {
    store = ManifestStore.read(SuperBox.fromBuffer(new Uint8Array(jumbf)));
  } catch {
    return { state: 'invalid', failures: ['manifest.malformed'] };
  }
  const active = store.getActiveManifest();
  if (!active?.claim || !active.signature) return { state: 'invalid', failures: ['claim.missing'] };
  if (!asset) return { state: 'unverified', failures: [] };
  try {
    const result = await store.validate(asset);
    if (result.isValid) return { state: 'valid', failures: [] };
    return { state: 'invalid', failures: [...new Set(result.statusEntries.filter((e) => !e.success).map((e) => String(e.code)))] };
  } catch (err) {
    // A malformed part is broken; anything else is a part of C2PA the reader does not know: not a verdict.
    if (err instanceof MalformedContentError || err instanceof ValidationError) return { state: 'invalid', failures: ['manifest.malformed'] };
    return { state: 'unverified', failures: [] };
  }
}
