import { parseArgs } from 'node:util';
import { batch } from './commands/batch.js';
import type { CommandContext } from './commands/context.js';
import { edit } from './commands/edit.js';
import { exportData } from './commands/export.js';
import { generate } from './commands/generate.js';
import { login } from './commands/login.js';
import { CliError, configPath } from './config-file.js';

export const USAGE = `atelier-cli: use your Atelier from the command line

  atelier-cli login --url <https://your-atelier> --token <atl_…>
  atelier-cli generate "prompt" [--count 4] [--size 2K] [--engine name] --out dir/
  atelier-cli edit <asset-id|image file> "instruction" [--engine name] --out dir/
  atelier-cli export --out file.zip
  atelier-cli batch file.csv --out dir/      (one image set per row; the images are unpacked into dir/)

The token and address are kept in $ATELIER_CLI_CONFIG, else <config dir>/atelier-cli/config.json (mode 0600).
`;

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  count: { type: 'string', short: 'n' },
  size: { type: 'string' },
  engine: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface MainIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
}

/** Runs one command line (without `node atelier-cli`); returns the exit status. */
export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const ctx: CommandContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    configFile: configPath(io.env ?? process.env),
  };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      ctx.stdout.write(USAGE);
      return command || values.help ? 0 : 2;
    }
    switch (command) {
      case 'login': await login(ctx, values); break;
      case 'generate': await generate(ctx, rest[0], values); break;
      case 'edit': await edit(ctx, rest[0], rest[1], values); break;
      case 'export': await exportData(ctx, values); break;
      case 'batch': await batch(ctx, rest[0], values); break;
      default: throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
    }
    return 0;
  } catch (err) {
    const known = err instanceof CliError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    ctx.stderr.write(`atelier-cli: ${known ? (err as Error).message : String((err as Error).stack ?? err)}\n`);
    return 1;
  }
}
