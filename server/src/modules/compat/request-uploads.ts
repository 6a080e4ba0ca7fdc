import { AppError } from '../../http/errors.js';
import type { AssetService } from '../assets/service.js';
import type { UploadCheck } from '../assets/upload-check.js';

/**
 * The images a compatible request sends along (an image to edit, references), stored as the person's uploads as
 * the studio would store them. When the request is refused before its generation starts, they go again: a refused
 * request leaves nothing in the gallery. With the image check on, each is checked before it is used: the request
 * waits for its images anyway, so it waits for their check too (the job then finds nothing left to do).
 */
export class RequestUploads {
  private readonly ids: string[] = [];

  constructor(private readonly assets: AssetService, private readonly userId: string, private readonly checks?: UploadCheck) {}

  /** `mask`: an inpainting mask, stored as the studio stores a painted one (listed nowhere). */
  async add(data: Buffer, fileName: string, opts: { mask?: boolean } = {}): Promise<string> {
    const { id, checking } = await this.assets.upload(this.userId, { data, fileName, mask: opts.mask });
    this.ids.push(id);
    const verdict = checking ? await this.checks?.check(id) : undefined;
    if (verdict?.kind === 'refused') throw new AppError('IMAGE_REFUSED', verdict.message, { category: verdict.category });
    return id;
  }

  /** Runs `start` (which adds uploads and starts the generation); the uploads are deleted if it throws. */
  async keptIf<T>(start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (err) {
      for (const id of this.ids) {
        await this.assets.trash(this.userId, id).then(() => this.assets.purgeAsset(this.userId, id)).catch(() => undefined);
      }
      throw err;
    }
  }
}
