import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;
const REPO = path.resolve(SRC, '../..');
/** The workspaces that run on the server: the studio reaches them through the API contract only. */
const SERVER_SIDE = ['server', 'engines', 'cli'].map((dir) => path.join(REPO, dir) + path.sep);
const SERVER_PACKAGES = /^@atelier\/(server|engine-|cli)/;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

/** Every module specifier of a file: `import … from`, `export … from`, `import('…')`. */
const specifiers = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

const reachesServer = (file: string, specifier: string): boolean =>
  SERVER_PACKAGES.test(specifier) ||
  (specifier.startsWith('.') && SERVER_SIDE.some((dir) => path.resolve(path.dirname(file), specifier).startsWith(dir)));

describe('the studio\'s sources', () => {
  it('import nothing from the server: its types come from the generated contract', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) =>
      specifiers(fs.readFileSync(file, 'utf8')).filter((s) => reachesServer(file, s)).map((s) => `${path.relative(REPO, file)}: ${s}`));
    expect(offending).toEqual([]);
  });

  it('would see such an import', () => {
    const file = path.join(SRC, 'api', 'x.ts');
    expect(specifiers("import type { A } from '../../../server/src/a';\nexport { b } from \"@atelier/server\";").filter((s) => reachesServer(file, s)))
      .toEqual(['../../../server/src/a', '@atelier/server']);
    expect(reachesServer(file, './client')).toBe(false);
  });
});
