import { answer, connect } from '../client.js';
import { CliError, saveConfig } from '../config-file.js';
import type { CommandContext } from './context.js';

/** `login --url <atelier> --token <atl_…>`: checks the token with GET /api/v1/me, then stores both. */
export async function login(ctx: CommandContext, values: { url?: string; token?: string }): Promise<void> {
  const { url, token } = values;
  if (!url || !token) throw new CliError('Usage: atelier-cli login --url <https://your-atelier> --token <atl_…>');
  const config = { url: url.replace(/\/+$/, ''), token };
  const me = answer(await connect(config).GET('/api/v1/me'), 'check the token');
  saveConfig(ctx.configFile, config);
  ctx.stdout.write(`Logged in to ${config.url} as ${me.email}\n`);
}
