import fs from 'node:fs';
import path from 'node:path';
import { answer, multipart, sleep, type AtelierClient } from '../client.js';
import { CliError } from '../config-file.js';
import type { paths } from '@atelier/common/api-schema';
import { progressBar } from '../progress.js';
import { unzipInto } from '../unzip.js';
import { storedClient, type CommandContext } from './context.js';

type Batch = paths['/api/v1/batches/{id}']['get']['responses'][200]['content']['application/json'];

const BATCH_USAGE = 'Usage: atelier-cli batch file.csv --out dir/';

/**
 * `batch file.csv --out dir/`: uploads the file (one generation per row, checked whole by the server), follows the
 * batch with a progress line on stderr, then downloads its zip and unpacks the images into --out, named by row
 * (row-0001.png, row-0002-2.png for the second image of a set); prints each file written, and each row that made none.
 */
export async function batch(ctx: CommandContext, file: string | undefined, options: { out?: string }, pollMs = 500): Promise<void> {
  if (!file) throw new CliError(BATCH_USAGE);
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
  const client = storedClient(ctx);
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const started = answer(await client.POST('/api/v1/batches', multipart(form)), `start the batch of ${file}`);
  const done = await follow(ctx, client, started, pollMs);
  for (const row of done.rows.filter((r) => r.status === 'failed' || r.status === 'canceled')) {
    ctx.stderr.write(`row ${row.row} (line ${row.line}): ${row.status}\n`);
  }
  if (done.counts.succeeded + done.counts.partial === 0) throw new CliError(`Batch ${done.id} ${done.status}: no row made an image.`);
  const archive = answer(
    await client.GET('/api/v1/batches/{id}/archive', { params: { path: { id: done.id } }, parseAs: 'arrayBuffer' }),
    'download the batch',
  );
  for (const written of await unzipInto(Buffer.from(archive), options.out ?? '.')) ctx.stdout.write(`${written}\n`);
}

async function follow(ctx: CommandContext, client: AtelierClient, started: Batch, pollMs: number): Promise<Batch> {
  const bar = progressBar(ctx.stderr, `batch ${started.id.slice(0, 8)}`);
  let current = started;
  try {
    for (;;) {
      const ended = current.rowCount - current.counts.waiting - current.counts.queued - current.counts.running;
      bar.update(current.progress, `${ended}/${current.rowCount} rows ${current.status}`);
      if (current.status !== 'queued' && current.status !== 'running') return current;
      await sleep(pollMs);
      current = answer(await client.GET('/api/v1/batches/{id}', { params: { path: { id: current.id } } }), 'follow the batch');
    }
  } finally {
    bar.done();
  }
}
