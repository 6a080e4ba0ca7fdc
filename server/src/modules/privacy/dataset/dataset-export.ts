import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Clock } from '../../../lib/clock.js';
import type { BlobStore } from '../../../storage/blob-store.js';
import type { ConsentService } from '../consents/service.js';
import type { PrivacyConfig } from '../privacy-config.js';
import type { AssetRepository, TrainingItem } from '../../assets/repository.js';

/** Where ATELIER_TRAINING_USE=never, no dataset is ever written. */
export class DatasetExportRefusedError extends Error {
  override readonly name = 'DatasetExportRefusedError';
}

export interface DatasetExportDeps {
  assets: Pick<AssetRepository, 'trainingPage'>;
  blobs: BlobStore;
  consents: ConsentService;
  clock: Clock;
  privacy: Pick<PrivacyConfig, 'trainingUse' | 'policyVersion'>;
}

export interface DatasetExportResult {
  file: string;
  contributors: number;
  rows: number;
}

/** One line of dataset.jsonl: what the image shows and how it was asked for; nothing that identifies the person. */
interface DatasetRow {
  image: string;
  prompt: string;
  mode: 'generate' | 'edit';
  engine: string;
  style: string | null;
  mime: string;
  width: number;
  height: number;
}

const PAGE = 200;
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

function toRow(item: TrainingItem, image: string): DatasetRow {
  let style: string | null = null;
  try {
    const p = JSON.parse(item.params) as { style?: unknown };
    if (typeof p.style === 'string') style = p.style;
  } catch {
    // unreadable params: the row simply has no style
  }
  return { image, prompt: item.prompt, mode: item.mode, engine: item.engine, style, mime: item.mime, width: item.width, height: item.height };
}

/**
 * Writes a zip of the prompts and (decrypted) images of the people whose training consent is on now, and of
 * nobody else: dataset.jsonl (one row per image), images/, manifest.json. Rows carry no user id, asset id or
 * date. Images are streamed one at a time; the file appears under its name only once complete.
 */
export async function exportTrainingDataset(deps: DatasetExportDeps, outFile: string): Promise<DatasetExportResult> {
  if (deps.privacy.trainingUse === 'never') {
    throw new DatasetExportRefusedError('Refused: ATELIER_TRAINING_USE=never, so prompts and images are never used for training and no dataset is exported.');
  }
  const file = path.resolve(outFile);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial-${process.pid}`;
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, fs.createWriteStream(tmp, { mode: 0o600 }));
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));

  try {
    const lines: string[] = [];
    const contributors = await deps.consents.activeUsersGranting('training');
    for (const userId of contributors) {
      for (let after: TrainingItem | undefined, page: TrainingItem[]; ; ) {
        page = await deps.assets.trainingPage(userId, after, PAGE);
        for (const item of page) {
          const image = `images/${String(lines.length + 1).padStart(8, '0')}.${EXTENSIONS[item.mime] ?? 'bin'}`;
          lines.push(JSON.stringify(toRow(item, image)));
          zip.addReadStreamLazy(image, { compress: false }, (cb) => {
            deps.blobs.get(item.blobKey, item.userId).then((s) => cb(null, s), (err) => cb(err, undefined as never));
          });
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1];
      }
    }
    zip.addBuffer(Buffer.from(lines.length ? `${lines.join('\n')}\n` : ''), 'dataset.jsonl');
    const manifest = { createdAt: new Date(deps.clock.now()).toISOString(), policyVersion: deps.privacy.policyVersion, rows: lines.length, contributors: contributors.length };
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
    zip.end();
    await Promise.race([written, failed]);
    await fsp.rename(tmp, file);
    return { file, contributors: contributors.length, rows: lines.length };
  } catch (err) {
    zip.outputStream.unpipe?.();
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}
