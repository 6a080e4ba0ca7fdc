import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const generator = path.join(path.dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')), 'bin', 'cli.js');

describe('the API types the studio and the CLI share', () => {
  it('are the ones openapi-typescript makes from the committed docs/api/openapi.json', async () => {
    const file = 'common/src/api-schema.ts';
    const check = promisify(execFile)(process.execPath, [generator, 'docs/api/openapi.json', '-o', file, '--check'], { cwd: repoRoot });
    const stale = await check.then(() => false, () => true);
    expect(stale, `${file} is out of date with docs/api/openapi.json: run \`npm run openapi\``).toBe(false);
  });
});
