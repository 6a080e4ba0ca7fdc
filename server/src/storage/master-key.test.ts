import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MasterKeyError } from './errors.js';
import { loadOrCreateMasterKey, parseMasterKey } from './master-key.js';

describe('master key', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-mk-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const keyFile = () => path.join(dir, 'master.key');

  it('creates master.key at first start (0600, base64 of 32 bytes) and reuses it', () => {
    const dataDir = path.join(dir, 'data'); // does not exist yet
    const first = loadOrCreateMasterKey({ dataDir });
    expect(first.length).toBe(32);
    const file = path.join(dataDir, 'master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['master.key']); // no temp file left
    const second = loadOrCreateMasterKey({ dataDir });
    expect(second.equals(first)).toBe(true);
    expect(loadOrCreateMasterKey({ dataDir: path.join(dir, 'other') }).equals(first)).toBe(false);
  });

  it('uses ATELIER_MASTER_KEY (base64 or hex) instead of the file, and writes nothing', () => {
    const key = crypto.randomBytes(32);
    expect(loadOrCreateMasterKey({ dataDir: dir, envKey: key.toString('base64') }).equals(key)).toBe(true);
    expect(loadOrCreateMasterKey({ dataDir: dir, envKey: key.toString('hex') }).equals(key)).toBe(true);
    expect(loadOrCreateMasterKey({ dataDir: dir, envKey: key.toString('hex').toUpperCase() }).equals(key)).toBe(true);
    expect(loadOrCreateMasterKey({ dataDir: dir, envKey: `  ${key.toString('base64url')}\n` }).equals(key)).toBe(true);
    expect(fs.existsSync(keyFile())).toBe(false);
    // Empty means unset, as for every other variable.
    expect(loadOrCreateMasterKey({ dataDir: dir, envKey: '' }).length).toBe(32);
    expect(fs.existsSync(keyFile())).toBe(true);
  });

  it('rejects a bad ATELIER_MASTER_KEY with a clear error that does not echo it', () => {
    const bad = [
      'secret-password',
      crypto.randomBytes(31).toString('base64'),
      crypto.randomBytes(33).toString('base64'),
      crypto.randomBytes(16).toString('hex'),
      crypto.randomBytes(33).toString('hex'),
      'g'.repeat(64),
      `${crypto.randomBytes(32).toString('base64').slice(0, 40)}!!!=`,
    ];
    for (const envKey of bad) {
      let error: unknown;
      try {
        loadOrCreateMasterKey({ dataDir: dir, envKey });
      } catch (err) {
        error = err;
      }
      expect(error, envKey).toBeInstanceOf(MasterKeyError);
      expect((error as Error).message).toMatch(/ATELIER_MASTER_KEY must be 32 random bytes/);
      expect((error as Error).message).not.toContain(envKey);
    }
    expect(fs.existsSync(keyFile())).toBe(false);
  });

  it('refuses a master.key with the wrong content, and leaves it alone', () => {
    for (const content of ['', 'short\n', crypto.randomBytes(16).toString('base64'), crypto.randomBytes(32).toString('latin1')]) {
      fs.writeFileSync(keyFile(), content, { encoding: 'latin1', mode: 0o600 });
      expect(() => loadOrCreateMasterKey({ dataDir: dir })).toThrow(MasterKeyError);
      expect(() => loadOrCreateMasterKey({ dataDir: dir })).toThrow(/master\.key must be 32 random bytes/);
      expect(fs.readFileSync(keyFile(), 'latin1')).toBe(content);
    }
    const hex = crypto.randomBytes(32);
    fs.writeFileSync(keyFile(), `${hex.toString('hex')}\n`);
    expect(loadOrCreateMasterKey({ dataDir: dir }).equals(hex)).toBe(true); // an operator may write hex
  });

  it('parses both encodings', () => {
    const key = crypto.randomBytes(32);
    expect(parseMasterKey(key.toString('base64'), 'X').equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64').replace(/=$/, ''), 'X').equals(key)).toBe(true);
    expect(() => parseMasterKey('', 'X')).toThrow(/^X must be/);
  });

  it('gives every process the same key when several start at once', async () => {
    // Compile master-key.ts (and its one import) to plain JS so real, separate node processes can race.
    const here = path.dirname(fileURLToPath(import.meta.url));
    const build = path.join(dir, 'build');
    fs.mkdirSync(build);
    for (const name of ['master-key', 'errors']) {
      const source = fs.readFileSync(path.join(here, `${name}.ts`), 'utf8');
      const out = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      fs.writeFileSync(path.join(build, `${name}.mjs`), out.outputText.replace(/'\.\/errors\.js'/g, "'./errors.mjs'"));
    }
    const dataDir = path.join(dir, 'race');
    const startAt = Date.now() + 300;
    const script = `
      import { loadOrCreateMasterKey } from ${JSON.stringify(path.join(build, 'master-key.mjs'))};
      while (Date.now() < ${startAt}) {}
      process.stdout.write(loadOrCreateMasterKey({ dataDir: ${JSON.stringify(dataDir)} }).toString('hex'));
    `;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`child failed: ${err}`))));
      });
    const keys = await Promise.all(Array.from({ length: 12 }, run));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toHaveLength(64);
    expect(loadOrCreateMasterKey({ dataDir }).toString('hex')).toBe(keys[0]);
    expect(fs.readdirSync(dataDir)).toEqual(['master.key']);
  });
});
