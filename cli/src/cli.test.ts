import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile, tempDir } from '../../server/src/test-support/harness.js';
import { main } from './main.js';

const { t, people: [alice] } = appForFile({ people: 1 });
const dir = tempDir();
const env = { ATELIER_CLI_CONFIG: path.join(dir, 'config', 'atelier-cli.json') };
let url: string;
let token: string;

/** Runs one command line in-process, as the bin would, and collects what it printed. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  const stderr = new PassThrough().on('data', (c) => err.push(String(c)));
  const status = await main(argv, { stdout, stderr, env });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

const files = (folder: string) => fs.readdirSync(folder).map((name) => path.join(folder, name));

beforeAll(async () => {
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: alice.headers, payload: { name: 'cli', scopes: ['images', 'account:read'] } });
  token = (res.json() as { token: string }).token;
});

describe('atelier-cli against a running Atelier', () => {
  it('refuses a token the server does not know, and stores nothing', async () => {
    const run = await cli('login', '--url', url, '--token', 'atl_not-a-real-token');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Could not check the token: .*\(UNAUTHENTICATED\)/);
    expect(fs.existsSync(env.ATELIER_CLI_CONFIG)).toBe(false);
  });

  it('login checks the token with /me and keeps it in a file only its owner can read', async () => {
    const run = await cli('login', '--url', `${url}/`, '--token', token);
    expect(run).toMatchObject({ status: 0, stdout: `Logged in to ${url} as ${alice.email}\n` });
    expect(fs.statSync(env.ATELIER_CLI_CONFIG).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(env.ATELIER_CLI_CONFIG, 'utf8'))).toEqual({ url, token });
  });

  it('generate writes every image of the set into --out, with progress on stderr', async () => {
    const out = path.join(dir, 'generated');
    const run = await cli('generate', 'a lighthouse at dusk', '--count', '2', '--size', '1K', '--out', out);
    expect(run.stderr).not.toContain('atelier-cli:');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/\[#+\] 100% 2\/2 succeeded/);
    const written = files(out);
    expect(written).toHaveLength(2);
    expect(run.stdout.trim().split('\n').sort()).toEqual([...written].sort());
    for (const file of written) {
      // Saved as the server stored them (the built-in engine answers JPEG): the extension names the decoded format.
      const meta = await sharp(file).metadata();
      expect(meta).toMatchObject({ width: 1024, height: 1024 });
      expect(path.extname(file)).toBe({ png: '.png', jpeg: '.jpg', webp: '.webp' }[meta.format as string]);
    }
    const gallery = (await t.app.inject({ url: '/api/v1/assets', headers: { cookie: alice.cookie } })).json() as { items: unknown[] };
    expect(gallery.items).toHaveLength(2);
  });

  it('edit uploads a local file, edits it by instruction and writes the result', async () => {
    const source = files(path.join(dir, 'generated'))[0]!;
    const out = path.join(dir, 'edited');
    const run = await cli('edit', source, 'convert to grayscale', '--out', out);
    expect(run.stderr).not.toContain('atelier-cli:');
    expect(run.status).toBe(0);
    const [edited] = files(out);
    expect(files(out)).toHaveLength(1);
    const stats = await sharp(edited!).stats();
    expect(stats.isOpaque).toBe(true);
    expect((await sharp(edited!).metadata()).width).toBe(1024);
  });

  it('edit by asset id of an image that is not yours answers the server\'s message', async () => {
    const run = await cli('edit', 'no-such-asset', 'convert to grayscale', '--out', path.join(dir, 'nothing'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Could not start the edit: .*\(NOT_FOUND\)/);
  });

  it('export requests an export, waits for it and downloads the zip', async () => {
    const zip = path.join(dir, 'export', 'mine.zip');
    const run = await cli('export', '--out', zip);
    expect(run.stderr).not.toContain('atelier-cli:');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(zip).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it('batch uploads the file, follows the batch on stderr and unpacks its images into --out, named by row', async () => {
    const rows = path.join(dir, 'rows.csv');
    fs.writeFileSync(rows, 'prompt,size\n"a red kite, at noon",64x64\na blue boat,64x64\n');
    const out = path.join(dir, 'batch');
    const run = await cli('batch', rows, '--out', out);
    expect(run.stderr).not.toContain('atelier-cli:');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/batch \S+ \[#+\] 100% 2\/2 rows succeeded/);
    const written = files(out).sort();
    expect(written.map((f) => path.basename(f))).toEqual([expect.stringMatching(/^row-0001\.(png|jpg|webp)$/), expect.stringMatching(/^row-0002\.(png|jpg|webp)$/)]);
    expect(run.stdout.trim().split('\n').sort()).toEqual(written);
    for (const file of written) expect(await sharp(file).metadata()).toMatchObject({ width: 64, height: 64 });
  });

  it('batch answers the server\'s reason for a file it refuses, and writes nothing', async () => {
    const rows = path.join(dir, 'no-prompt.csv');
    fs.writeFileSync(rows, 'size\n64x64\n');
    const out = path.join(dir, 'refused');
    const run = await cli('batch', rows, '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Could not start the batch of .*no-prompt\.csv: .*\(VALIDATION_FAILED\)/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
