import type { Config } from '../../../config.js';
import { systemClock } from '../../../lib/clock.js';
import type { CliOutput } from '../dataset/cli.js';
import { listBackups } from './backup-folder.js';
import { BackupError, BackupService } from './backup-service.js';
import { DatabaseInUseError } from './sqlite-files.js';

export const BACKUP_USAGE = `  backup create [--out DIR]   snapshot the database and copy the blobs (never the master key)
  backup list                 list the backups in ATELIER_BACKUP_DIR
  backup restore <name|dir>   replace the data with a backup (server stopped); replays deletions`;

/** `atelier backup create|list|restore`; returns the exit code. */
export async function runBackupCommand(config: Config, args: readonly string[], out: CliOutput = console): Promise<number> {
  const service = new BackupService(config, systemClock);
  try {
    switch (args[0]) {
      case 'create': {
        const i = args.indexOf('--out');
        if (i >= 0 && !args[i + 1]) break;
        const b = await service.create(i >= 0 ? args[i + 1] : undefined);
        out.log(`Backup written to ${b.dir} (${b.manifest.users} accounts, ${b.manifest.blobFiles} blob files). The master key is not in it: keep it apart.`);
        if (b.rotated.length > 0) out.log(`Removed backups older than ${config.privacy.backupKeepDays} days: ${b.rotated.join(', ')}`);
        return 0;
      }
      case 'list': {
        const list = listBackups(config.privacy.backupDir);
        if (list.length === 0) out.log(`No backups in ${config.privacy.backupDir}.`);
        for (const b of list) out.log(`${b.name}  ${b.manifest.createdAt}  ${b.manifest.users} accounts  ${b.manifest.blobBytes} blob bytes`);
        return 0;
      }
      case 'restore': {
        if (!args[1]) break;
        const r = await service.restore(args[1]);
        out.log(`Restored the backup of ${r.createdAt} from ${r.from}; ${r.replayedTombstones} people deleted since were erased again.`);
        return 0;
      }
    }
  } catch (err) {
    if (err instanceof BackupError || err instanceof DatabaseInUseError) {
      out.error(err.message);
      return 1;
    }
    throw err;
  }
  out.error(`Usage:\n${BACKUP_USAGE}`);
  return 2;
}
