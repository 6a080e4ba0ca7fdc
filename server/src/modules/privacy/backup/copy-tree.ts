import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies a folder tree of files (0700 folders, 0600 files), skipping names that start with '.' (the blob
 * store's temp files and trash). A copy-on-write clone is used where the file system offers one.
 * Returns the number of files and bytes copied.
 */
export async function copyTree(from: string, to: string): Promise<{ files: number; bytes: number }> {
  const total = { files: 0, bytes: 0 };
  await fsp.mkdir(to, { recursive: true, mode: 0o700 });
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(from, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return total;
    throw err;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const src = path.join(from, e.name);
    const dest = path.join(to, e.name);
    if (e.isDirectory()) {
      const sub = await copyTree(src, dest);
      total.files += sub.files;
      total.bytes += sub.bytes;
    } else if (e.isFile()) {
      await fsp.copyFile(src, dest, fs.constants.COPYFILE_FICLONE);
      await fsp.chmod(dest, 0o600);
      total.files += 1;
      total.bytes += (await fsp.stat(dest)).size;
    }
  }
  return total;
}
