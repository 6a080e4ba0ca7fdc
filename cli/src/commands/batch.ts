import { CliError } from '../config-file.js';
import type { CommandContext } from './context.js';

/**
 * `batch file.csv --out dir/`: the batch endpoint (POST /api/v1/batches) is not part of the API this client was
 * generated from, so the command says so rather than guessing at a contract.
 */
export async function batch(_ctx: CommandContext): Promise<void> {
  throw new CliError('Batches are not available on this server: its API has no /api/v1/batches. Use `atelier-cli generate` per prompt.');
}
