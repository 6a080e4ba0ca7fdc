import fs from 'node:fs';
import path from 'node:path';
import { answer, multipart, type AtelierClient } from '../client.js';
import { CliError } from '../config-file.js';
import { storedClient, type CommandContext } from './context.js';
import { finish } from './generate.js';

/** `edit <asset-id|file> "instruction" --out dir/`: a local file is uploaded first; the original is kept. */
export async function edit(ctx: CommandContext, source: string | undefined, instruction: string | undefined, options: { out?: string; engine?: string }): Promise<void> {
  if (!source || !instruction) throw new CliError('Usage: atelier-cli edit <asset-id|image file> "instruction" --out dir/');
  const client = storedClient(ctx);
  const assetId = fs.existsSync(source) ? await upload(client, source) : source;
  const started = answer(await client.POST('/api/v1/edits', { body: { assetId, instruction, engine: options.engine } }), 'start the edit');
  await finish(ctx, client, started.id, options.out ?? '.');
}

async function upload(client: AtelierClient, file: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const asset = answer(await client.POST('/api/v1/assets', multipart(form)), `upload ${file}`);
  return asset.id;
}
