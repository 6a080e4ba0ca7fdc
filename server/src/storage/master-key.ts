import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MasterKeyError } from './errors.js';

export { MasterKeyError } from './errors.js';

export const MASTER_KEY_BYTES = 32;
export const MASTER_KEY_FILE = 'master.key';

const HEX = /^[0-9a-fA-F]{64}$/;
/** 32 bytes in base64 are 43 characters plus one '=' of padding; the URL-safe alphabet is accepted too. */
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Decodes a 32-byte key written as hex (64 characters) or base64 (44, or 43 unpadded). Throws MasterKeyError
 * naming `source` and never echoing the value, which is a secret.
 */
export function parseMasterKey(text: string, source: string): Buffer {
  const t = text.trim();
  let key: Buffer | undefined;
  if (HEX.test(t)) key = Buffer.from(t, 'hex');
  else if (BASE64.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(
      `${source} must be ${MASTER_KEY_BYTES} random bytes written as base64 (44 characters) or hex (64 characters); ` +
        `got ${t.length} characters that are neither. Generate one with: openssl rand -base64 32`,
    );
  }
  return key;
}

export interface MasterKeyOptions {
  dataDir: string;
  /** ATELIER_MASTER_KEY. When set (non-empty) it wins and no file is read or written. */
  envKey?: string;
}

/**
 * The key that wraps every user's data key. Losing it loses every blob, so:
 * - from the environment when ATELIER_MASTER_KEY is set (keep it out of backups of the data folder);
 * - else from `$dataDir/master.key`, created at first start. Creation never replaces an existing file: the key
 *   is written to a private temp file, fsynced, then hard-linked to `master.key` (link fails when the name
 *   exists, unlike rename), so two processes starting at once end up with the same key: the loser reads the
 *   winner's file.
 * A master.key that is not exactly one valid key is refused, never regenerated.
 */
export function loadOrCreateMasterKey(opts: MasterKeyOptions): Buffer {
  if (opts.envKey !== undefined && opts.envKey.trim() !== '') return parseMasterKey(opts.envKey, 'ATELIER_MASTER_KEY');

  const file = path.join(opts.dataDir, MASTER_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;

  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  createKeyFile(file);
  const created = readKeyFile(file);
  if (!created) throw new MasterKeyError(`${file} vanished right after it was created`);
  return created;
}

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MasterKeyError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  return parseMasterKey(text, file);
}

function createKeyFile(file: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${MASTER_KEY_FILE}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const text = `${crypto.randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // the umask may have narrowed the mode; make it exact
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    if (code !== 'EEXIST') writeExclusive(file, text); // file system without hard links
    // EEXIST: another process won the race; its key is the one.
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  fsyncDir(dir);
}

/** Fallback without hard links: still exclusive; a crash mid-write leaves a short file that is then refused. */
function writeExclusive(file: string, text: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the file itself is already durable.
  }
}
