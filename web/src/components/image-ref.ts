import type { Asset } from '../api/types';
import type { Translate } from '../i18n/i18n';

/**
 * The least the shared image components need: a generation's output carries only these fields; a gallery asset
 * carries them all. Missing fields are loaded on demand.
 */
export type ImageRef = Pick<Asset, 'id' | 'urls' | 'width' | 'height'> &
  Partial<Pick<Asset, 'favorite' | 'tags' | 'generationId' | 'kind' | 'prompt' | 'fileName' | 'mime' | 'deletedAt' | 'parentId' | 'contentCredentials' | 'contentCredentialsState' | 'neverUseForTraining' | 'checking'>>;

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** A short, readable text alternative: the prompt (trimmed) or the file name. */
export function imageAlt(t: Translate, image: ImageRef): string {
  if (image.prompt) return t('image.altPrompt', { prompt: image.prompt.length > 120 ? `${image.prompt.slice(0, 117)}…` : image.prompt });
  return t('image.alt', { name: image.fileName ?? image.id.slice(-6) });
}

export function downloadName(image: ImageRef): string {
  if (image.fileName) return image.fileName;
  return `atelier-${image.id}.${EXTENSIONS[image.mime ?? ''] ?? 'png'}`;
}
