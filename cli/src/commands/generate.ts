import { answer } from '../client.js';
import { CliError } from '../config-file.js';
import { followGeneration, missingOutputs, saveOutputs } from '../outputs.js';
import { storedClient, type CommandContext } from './context.js';

export interface GenerateOptions {
  count?: string;
  size?: string;
  engine?: string;
  out?: string;
}

/** `generate "prompt" --count 4 --size 2K [--engine x] --out dir/`: starts a set, follows it, saves the images. */
export async function generate(ctx: CommandContext, prompt: string | undefined, options: GenerateOptions): Promise<void> {
  if (!prompt) throw new CliError('Usage: atelier-cli generate "a prompt" [--count 4] [--size 2K] [--engine name] --out dir/');
  const count = options.count === undefined ? undefined : Number(options.count);
  if (count !== undefined && !Number.isInteger(count)) throw new CliError(`--count must be a whole number (got "${options.count}")`);
  const client = storedClient(ctx);
  const started = answer(
    await client.POST('/api/v1/generations', { body: { prompt, count, size: options.size, engine: options.engine } }),
    'start the generation',
  );
  await finish(ctx, client, started.id, options.out ?? '.');
}

/** Follows a started generation to its end and writes its images to `dir`; shared by generate and edit. */
export async function finish(ctx: CommandContext, client: ReturnType<typeof storedClient>, id: string, dir: string): Promise<void> {
  const done = await followGeneration(client, id, ctx.stderr);
  const files = await saveOutputs(client, done, dir);
  for (const file of files) ctx.stdout.write(`${file}\n`);
  for (const missing of missingOutputs(done)) ctx.stderr.write(`missing ${missing}\n`);
}
