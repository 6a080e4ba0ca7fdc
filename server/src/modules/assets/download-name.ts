import type { Asset } from '../../db/schema.js';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

export const extensionOf = (mime: string): string => EXTENSIONS[mime] ?? 'bin';

type Named = Pick<Asset, 'id' | 'kind' | 'mime' | 'metadata'>;

/**
 * The name an image is saved under: an upload's own file name, otherwise atelier-<id>.<ext>. `ownName: false` gives
 * every image the neutral name (a shared upload: the person's file name can say more than they meant to share).
 */
export function downloadFileName(asset: Named, opts: { ownName?: boolean } = {}): string {
  if (opts.ownName !== false && (asset.kind === 'upload' || asset.kind === 'mask')) {
    try {
      const meta = JSON.parse(asset.metadata) as { fileName?: unknown };
      if (typeof meta.fileName === 'string' && meta.fileName) return meta.fileName;
    } catch {
      // keep the generated name
    }
  }
  return `atelier-${asset.id}.${extensionOf(asset.mime)}`;
}

/** `inline` (or `attachment`) with an ASCII fallback name and the UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(asset: Named, type: 'inline' | 'attachment' = 'inline', opts: { ownName?: boolean } = {}): string {
  const name = downloadFileName(asset, opts);
  const ascii = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
