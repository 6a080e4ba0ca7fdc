import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Asset } from '../../db/schema.js';
import { downloadFileName } from './download-name.js';

type ArchivedAsset = Pick<Asset, 'id' | 'kind' | 'mime' | 'metadata' | 'created_at'>;

/**
 * A zip entry name for each asset, in order: the download name with anything that could leave the archive's
 * root (slashes, "..", control characters) replaced, and " (2)", " (3)"… added to repeated names.
 */
export function archiveEntryNames(assets: readonly ArchivedAsset[]): string[] {
  const taken = new Set<string>();
  return assets.map((asset) => {
    const safe = downloadFileName(asset).replace(/[\u0000-\u001f\u007f/\\:]/g, '_').replace(/^\.+/, '_') || `atelier-${asset.id}`;
    const dot = safe.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
    let name = safe;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * Streams the assets as a zip. Each original is opened only when the zip reaches it, so a large selection never
 * holds more than one decrypting stream open. Images are already compressed: entries are stored, not deflated.
 */
export function zipAssets<A extends ArchivedAsset>(assets: readonly A[], open: (asset: A) => Promise<Readable>,
  names: readonly string[] = archiveEntryNames(assets)): Readable {
  const zip = new ZipFile();
  assets.forEach((asset, i) => {
    zip.addReadStreamLazy(names[i]!, { compress: false, mtime: new Date(asset.created_at) }, (cb) => {
      open(asset).then((stream) => cb(null, stream), (err: unknown) => cb(err, undefined as never));
    });
  });
  zip.end();
  const output = zip.outputStream as Readable;
  // A blob that fails mid-archive ends the response with an error instead of a silently truncated zip.
  zip.on('error', (err: Error) => output.destroy(err));
  return output;
}
