import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RenderOutputError } from '@atelier/engine-builtin';
import type { EngineJobError, EngineOutputError } from '../engines/engine.js';
import type { Failure } from '../modules/generations/failures.js';
import { ErrorCodes, type ErrorCode } from './errors.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Where generations, their outputs and workflow runs get their codes: the engines, the runner, the compatible endpoints. */
const WRITERS = [
  'server/src/engines', 'server/src/modules/generations', 'server/src/modules/workflows', 'server/src/modules/batches',
  'server/src/modules/compat', 'server/src/modules/provider-keys', 'engines/builtin/src',
];

/** The ways a code is written there: an error object's `code`, a job error, an output's error, a safety refusal. */
const WRITES = [
  /\bcode: '([A-Z][A-Z0-9_]+)'/g,
  /new EngineJobError\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\.error\(\s*\w+,\s*'([A-Z][A-Z0-9_]+)'/g,
  /ProviderCallError\(\s*'refused',\s*'([A-Z][A-Z0-9_]+)'/g,
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function writtenCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of WRITERS.flatMap((dir) => sources(path.join(ROOT, dir)))) {
    // Health records keep the provider's own code for administrators; they never reach an answer.
    const text = fs.readFileSync(file, 'utf8').split('\n').filter((line) => !/outcome: '/.test(line)).join('\n');
    for (const pattern of WRITES) for (const m of text.matchAll(pattern)) found.set(m[1]!, path.relative(ROOT, file));
  }
  return found;
}

describe('the error catalogue holds every code an answer can carry', () => {
  it('every code the runner, the engines and the compatible endpoints write into a generation, output or run', () => {
    const codes = writtenCodes();
    // The scan itself works: it sees codes of each kind of writer.
    expect([...codes.keys()]).toEqual(expect.arrayContaining([
      'ENGINE_ERROR', 'INPUT_UNAVAILABLE', 'JOB_FAILED', 'NO_OUTPUT', 'IMAGE_REFUSED', 'OUTPUT_REFUSED', 'INPUT_IMAGE_REFUSED',
      'NOT_RETURNED', 'RENDER_FAILED', 'STEP_FAILED', 'TOOL_UNAVAILABLE',
    ]));
    const missing = [...codes].filter(([code]) => !(code in ErrorCodes)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('types every code an engine or the runner can hand on as a catalogue code', () => {
    expectTypeOf<EngineOutputError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<EngineJobError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<Failure['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<RenderOutputError['code']>().toMatchTypeOf<ErrorCode>();
  });
});
