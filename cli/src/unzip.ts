import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { CliError } from './config-file.js';

const open = (zip: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, file) => (err ? reject(err) : resolve(file))));

const readStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));

/** Writes each file of the archive into `dir` (flat: an entry that names a folder or climbs out is refused); returns the paths. */
export async function unzipInto(archive: Buffer, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const zip = await open(archive);
  const written: string[] = [];
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve).once('end', () => resolve(null)).once('error', reject);
        zip.readEntry();
      });
      if (!entry) return written;
      zip.removeAllListeners();
      if (entry.fileName.endsWith('/')) continue;
      if (path.basename(entry.fileName) !== entry.fileName || entry.fileName.startsWith('.')) {
        throw new CliError(`The archive holds an unexpected name (${entry.fileName}); nothing more was written.`);
      }
      const file = path.join(dir, entry.fileName);
      await pipeline(await readStream(zip, entry), fs.createWriteStream(file));
      written.push(file);
    }
  } finally {
    zip.close();
  }
}
