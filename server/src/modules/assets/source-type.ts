/**
 * The IPTC digital source type an image claims, by how it was made (issue 22, "Provenance, honestly"): the built-in
 * renderer draws without a trained model; a model's output is trained algorithmic media; a model's edit of other
 * media is a composite with it; a classic edit (crop, resize, filters…) makes no new claim and keeps its source's.
 */
import { ALGORITHMIC_MEDIA, COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, TRAINED_ALGORITHMIC_MEDIA } from '../../media/index.js';

export type OutputOrigin = 'procedural' | 'model' | 'classic-edit' | 'model-edit';

const IPTC_SOURCE_TYPE = /^https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\/[A-Za-z]+$/;

/** A claim worth keeping: an IPTC digital source type URI, nothing else (an upload's XMP is not trusted further). */
export const isDigitalSourceType = (value: unknown): value is string => typeof value === 'string' && IPTC_SOURCE_TYPE.test(value);

/** `sourceClaim`: what the edited image claims (undefined for none, and for a generation). */
export function digitalSourceTypeFor(origin: OutputOrigin, sourceClaim: string | undefined): string | undefined {
  switch (origin) {
    case 'procedural':
      return ALGORITHMIC_MEDIA;
    case 'model':
      return TRAINED_ALGORITHMIC_MEDIA;
    case 'classic-edit':
      return sourceClaim;
    case 'model-edit':
      return sourceClaim === TRAINED_ALGORITHMIC_MEDIA ? TRAINED_ALGORITHMIC_MEDIA : COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA;
  }
}
