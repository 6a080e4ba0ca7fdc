import { connect, type AtelierClient } from '../client.js';
import { loadConfig } from '../config-file.js';

/** What a command may use: its streams and the config file (never process-wide state, so tests run it in-process). */
export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  configFile: string;
}

/** The typed client for the server `login` stored. */
export const storedClient = (ctx: CommandContext): AtelierClient => connect(loadConfig(ctx.configFile));
