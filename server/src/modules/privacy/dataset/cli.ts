import type { Config } from '../../../config.js';
import { createServices } from '../../../services.js';
import { AssetRepository } from '../../assets/repository.js';
import { DatasetExportRefusedError, exportTrainingDataset } from './dataset-export.js';

export const DATASET_USAGE = '  dataset export --out FILE   write prompts and images of people who consented to training use';

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** `atelier dataset export --out FILE`; returns the exit code. */
export async function runDatasetCommand(config: Config, args: readonly string[], out: CliOutput = console): Promise<number> {
  const outIndex = args.indexOf('--out');
  const file = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (args[0] !== 'export' || !file) {
    out.error(`Usage: atelier dataset export --out FILE`);
    return 2;
  }
  if (config.privacy.trainingUse === 'never') {
    out.error('Refused: ATELIER_TRAINING_USE=never, so prompts and images are never used for training and no dataset is exported.');
    return 1;
  }
  const services = await createServices({ ...config, runWorkers: false });
  try {
    const r = await exportTrainingDataset(
      { assets: new AssetRepository(services.db), blobs: services.blobs, consents: services.consents, clock: services.clock, privacy: config.privacy },
      file,
    );
    out.log(`Wrote ${r.rows} images from ${r.contributors} consenting people to ${r.file}`);
    return 0;
  } catch (err) {
    if (err instanceof DatasetExportRefusedError) {
      out.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await services.close();
  }
}
