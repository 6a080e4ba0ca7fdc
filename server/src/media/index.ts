/** The media layer: pure functions over image buffers, backed by sharp. */
export { MediaError, isMediaError, type MediaErrorCode } from './errors.js';
export { sniffImageType, ACCEPTED_IMAGE_TYPES, type ImageMime } from './sniff.js';
export { ingestUpload, type IngestedImage, type IngestOptions } from './ingest.js';
export { makeThumbnail, DEFAULT_THUMBNAIL_SIZE, type Thumbnail } from './thumbnail.js';
export {
  embedProvenance,
  hasContentCredentials,
  readProvenance,
  type Provenance,
  type ProvenanceMime,
  type ProvenanceOptions,
} from './provenance.js';
export { ALGORITHMIC_MEDIA, COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, TRAINED_ALGORITHMIC_MEDIA } from './xmp.js';
export { decodeForEngine, ENGINE_MAX_SIDE, type EngineImageInput } from './decode.js';
export { parseSize, sizeLabel, SIZE_PRESETS, DEFAULT_SIZE, type SizeBounds, type ImageSize } from './dimensions.js';
export { checkContentCredentials, type ContentCredentialsCheck, type ContentCredentialsState } from './content-credentials.js';
