import fs from 'node:fs';
import path from 'node:path';
import { answer, sleep, type AtelierClient, type Generation } from './client.js';
import { CliError } from './config-file.js';
import { progressBar } from './progress.js';

const FINAL = new Set(['succeeded', 'partial', 'failed', 'canceled']);
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Polls the generation until it ends, drawing its progress on `stderr`. */
export async function followGeneration(client: AtelierClient, id: string, stderr: NodeJS.WritableStream, pollMs = 250): Promise<Generation> {
  const bar = progressBar(stderr, id.slice(0, 8));
  try {
    for (;;) {
      const g = answer(await client.GET('/api/v1/generations/{id}', { params: { path: { id } } }), 'read the generation');
      const stored = g.outputs.filter((o) => o.asset).length;
      bar.update(g.progress, `${stored}/${g.params.count} ${g.status}`);
      if (FINAL.has(g.status)) return g;
      await sleep(pollMs);
    }
  } finally {
    bar.done();
  }
}

/** Downloads every stored image of the generation into `dir`; returns the files written. */
export async function saveOutputs(client: AtelierClient, g: Generation, dir: string): Promise<string[]> {
  if (g.status === 'failed' || g.status === 'canceled') {
    throw new CliError(`Generation ${g.id} ${g.status}${g.error ? `: ${g.error.message} (${g.error.code})` : ''}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const output of g.outputs) {
    if (!output.asset) continue;
    const { id, mime } = output.asset;
    const data = answer(
      await client.GET('/api/v1/assets/{id}/content', { params: { path: { id } }, parseAs: 'arrayBuffer' }),
      `download image ${id}`,
    );
    const file = path.join(dir, `${g.id}-${output.index + 1}.${EXTENSIONS[mime] ?? 'bin'}`);
    fs.writeFileSync(file, Buffer.from(data));
    files.push(file);
  }
  return files;
}

/** The outputs that are missing, with why (a partial set). */
export const missingOutputs = (g: Generation): string[] =>
  g.outputs.filter((o) => !o.asset && o.error).map((o) => `image ${o.index + 1}: ${o.error!.message} (${o.error!.code})`);
