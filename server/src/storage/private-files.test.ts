import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { multipart } from '../modules/assets/test-fixtures.js';
import { createTestApp, signUp, tempDir, type TestApp } from '../test-support/harness.js';
import { testBackend } from '../test-support/test-database.js';

let t: TestApp | undefined;
afterEach(async () => {
  if (!t) return;
  await t.close();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
  t = undefined;
});

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

/** Every folder and file under `dir` whose mode lets anyone but the owner in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    if (path.basename(p) === 'test-postgres-database') return; // the test harness's own marker, not the app's
    const stat = fs.statSync(p);
    if ((stat.mode & 0o077) !== 0) found.push(`${path.relative(dir, p) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return found;
}

async function useTheApp(app: TestApp): Promise<void> {
  const person = await signUp(app.app);
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } }).png().toBuffer();
  const form = multipart({ data: png, filename: 'a.png', contentType: 'image/png' });
  const upload = await app.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...person.headers, ...form.headers }, payload: form.payload });
  expect(upload.statusCode).toBe(201);
}

describe('the data folder', () => {
  it('is readable by its owner only: folders 0700, database, keys and blobs 0600', async () => {
    const dataDir = path.join(tempDir(), 'data');
    t = await createTestApp({ dataDir });
    await useTheApp(t);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'master.key'))).toBe(0o600);
    if (testBackend() === 'sqlite') {
      expect(modeOf(path.join(dataDir, 'atelier.db'))).toBe(0o600);
      expect(modeOf(path.join(dataDir, 'atelier.db-wal'))).toBe(0o600);
    }
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('is narrowed to its owner when an earlier start left it open to everyone', async () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    if (testBackend() === 'sqlite') {
      fs.writeFileSync(path.join(dataDir, 'atelier.db'), '', { mode: 0o644 });
      fs.chmodSync(path.join(dataDir, 'atelier.db'), 0o644);
    }
    t = await createTestApp({ dataDir });
    await useTheApp(t);
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
