import fs from 'node:fs';

/** Owner-only modes for everything in the data folder (database, keys, blobs, exports) and in backups. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes `dir` (and missing parents) with mode 0700, and narrows it to 0700 when it exists already: an instance
 * that began before this was enforced, or a folder the operator made with the usual 0755, stops being readable by
 * other users of the machine. A folder this process does not own is left as it is (chmod would fail).
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrow(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates `file` empty with mode 0600 when missing, and narrows existing `files` to 0600. SQLite gives its -wal
 * and -shm files the mode of the database file, so creating that file 0600 before SQLite opens it is enough.
 */
export function ensurePrivateFiles(file: string, files: string[] = [file]): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of files) narrow(f, PRIVATE_FILE_MODE);
}

function narrow(target: string, mode: number): void {
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw err;
  }
}
