import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What `login` keeps: the server's address and the API token (a secret: the file is readable by its owner only). */
export interface CliConfig {
  url: string;
  token: string;
}

/** ATELIER_CLI_CONFIG, else the user's config folder (XDG_CONFIG_HOME, %APPDATA% on Windows, ~/.config). */
export function configPath(env: NodeJS.ProcessEnv): string {
  if (env.ATELIER_CLI_CONFIG) return env.ATELIER_CLI_CONFIG;
  const base = env.XDG_CONFIG_HOME || (process.platform === 'win32' && env.APPDATA) || path.join(os.homedir(), '.config');
  return path.join(base, 'atelier-cli', 'config.json');
}

export function saveConfig(file: string, config: CliConfig): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written to a fresh file created 0600, then renamed: the token is never readable by others, not even briefly.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temp, file);
}

export function loadConfig(file: string): CliConfig {
  if (!fs.existsSync(file)) throw new CliError(`Not logged in: run \`atelier-cli login --url <server> --token <atl_…>\` first (no ${file}).`);
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CliConfig>;
  if (!config.url || !config.token) throw new CliError(`${file} lacks url or token: run \`atelier-cli login\` again.`);
  return { url: config.url, token: config.token };
}

/** An error meant for the person at the terminal: printed as is, without a stack trace. */
export class CliError extends Error {}
