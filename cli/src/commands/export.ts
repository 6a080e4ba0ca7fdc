import fs from 'node:fs';
import path from 'node:path';
import { answer, sleep } from '../client.js';
import { CliError } from '../config-file.js';
import { progressBar } from '../progress.js';
import { storedClient, type CommandContext } from './context.js';

/** `export --out file.zip`: requests an export of your data, waits until it is ready, downloads the archive. */
export async function exportData(ctx: CommandContext, options: { out?: string }, pollMs = 500): Promise<void> {
  if (!options.out) throw new CliError('Usage: atelier-cli export --out file.zip');
  const client = storedClient(ctx);
  let current = answer(await client.POST('/api/v1/me/exports'), 'request an export');
  const bar = progressBar(ctx.stderr, 'export');
  while (current.status === 'queued' || current.status === 'running') {
    bar.update(current.status === 'running' ? 0.5 : 0, current.status);
    await sleep(pollMs);
    current = answer(await client.GET('/api/v1/me/exports/{id}', { params: { path: { id: current.id } } }), 'follow the export');
  }
  bar.update(1, current.status);
  bar.done();
  if (current.status !== 'ready') throw new CliError(`The export ${current.status}; try again later.`);
  const data = answer(
    await client.GET('/api/v1/me/exports/{id}/download', { params: { path: { id: current.id } }, parseAs: 'arrayBuffer' }),
    'download the export',
  );
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, Buffer.from(data));
  ctx.stdout.write(`${options.out}\n`);
}
