import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const generator = path.join(path.dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')), 'bin', 'cli.js');

describe('the clients\' generated types', () => {
  it.each([
    ['the CLI', 'cli', 'src/generated/api.ts'],
    ['the studio', 'web', 'src/api/generated/schema.ts'],
  ])('of %s are the ones openapi-typescript makes from the committed docs/api/openapi.json', async (_name, workspace, file) => {
    const check = promisify(execFile)(process.execPath, [generator, '../docs/api/openapi.json', '-o', file, '--check'], { cwd: path.join(repoRoot, workspace) });
    const stale = await check.then(() => false, () => true);
    expect(stale, `${workspace}/${file} is out of date with docs/api/openapi.json: run \`npm run openapi\``).toBe(false);
  });
});
