import type { AssetService } from '../assets/service.js';

/**
 * The images a compatible request sends along (an image to edit, references), stored as the person's uploads as
 * the studio would store them. When the request is refused before its generation starts, they go again: a refused
 * request leaves nothing in the gallery.
 */
export class RequestUploads {
  private readonly ids: string[] = [];

  constructor(private readonly assets: AssetService, private readonly userId: string) {}

  /** `mask`: an inpainting mask, stored as the studio stores a painted one (listed nowhere). */
  async add(data: Buffer, fileName: string, opts: { mask?: boolean } = {}): Promise<string> {
    const { id } = await this.assets.upload(this.userId, { data, fileName, mask: opts.mask });
    this.ids.push(id);
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
