/**
 * How much creating a file costs right now, and waiting until it is back to normal.
 *
 * On ext4 without a journal (this VM's disk), creating a file skips over every inode freed in the last ~30 s,
 * reading each one's deletion time: after a benchmark or a test run removes a folder of a few thousand files,
 * each new file costs 0.5–0.9 ms of kernel CPU instead of ~50 µs, for about half a minute. The platform benchmark
 * writes one file per generation, so that state would be measured instead of the server. Nothing here deletes:
 * probe files stay in the folder the caller removes at the very end.
 */
import fs from 'node:fs';
import path from 'node:path';

const PROBE_FILES = 200;
/** µs per create above which files were very likely deleted here moments ago. */
export const SLOW_CREATE_US = 200;
const SETTLE_MS = 35_000;

/** Mean wall µs to create, write one byte to and close a new file, over a fresh subfolder of `dir`. */
export function fileCreateMicros(dir: string): number {
  const folder = fs.mkdtempSync(path.join(dir, 'create-probe-'));
  const t0 = performance.now();
  for (let i = 0; i < PROBE_FILES; i++) {
    const fd = fs.openSync(path.join(folder, String(i)), 'wx');
    fs.writeSync(fd, 'x');
    fs.closeSync(fd);
  }
  return ((performance.now() - t0) * 1000) / PROBE_FILES;
}

/**
 * Probes file creation under `dir`; while it is slow, waits for the freed inodes to age (at most twice).
 * Returns the last probe and a line for the benchmark's header.
 */
export async function settleFileCreation(dir: string): Promise<{ micros: number; line: string }> {
  let micros = fileCreateMicros(dir);
  let waited = 0;
  while (micros > SLOW_CREATE_US && waited < 2) {
    console.log(`file creation costs ${micros.toFixed(0)} µs (files were deleted here moments ago): waiting ${SETTLE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    waited++;
    micros = fileCreateMicros(dir);
  }
  const verdict = micros > SLOW_CREATE_US ? ' — still slow: numbers below include it' : '';
  return { micros, line: `file create ${micros.toFixed(0)} µs after ${waited * SETTLE_MS / 1000} s wait${verdict}` };
}
