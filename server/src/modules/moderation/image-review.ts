import sharp from 'sharp';
import type { ImageClassifier } from './image-classifier.js';
import { flaggedClass } from './image-policy.js';
import type { ModerationConfig } from './moderation-config.js';

/** What happens to an image: kept as it is, kept blurred, or refused; `category` names the class that flagged it. */
export type ImageVerdict =
  | { kind: 'keep'; data: Buffer }
  | { kind: 'blurred'; data: Buffer; category: string }
  | { kind: 'refused'; category: string; message: string };

export interface ReviewedImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

/** Counts a refused image toward the person's refusals (and the automatic suspension); true when it suspended them. */
export type RefusalCounter = (userId: string, category: string) => Promise<boolean>;

const FORMATS: Record<string, 'png' | 'jpeg' | 'webp' | 'gif'> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/gif': 'gif' };

/**
 * The image check of the moderation policy, on generated images (in the job, before an image is stored) and on uploads
 * (in their own job, modules/assets/upload-check.ts).
 * Only the class and the count are kept, never the image or its scores; an image withheld is never stored.
 */
export class ImageReview {
  constructor(
    private readonly classifier: ImageClassifier,
    private readonly config: ModerationConfig['images'],
    private readonly countRefusal: RefusalCounter,
  ) {}

  async review(userId: string, image: ReviewedImage, what: 'output' | 'upload'): Promise<ImageVerdict> {
    const category = flaggedClass(await this.classifier.classify(image.data), this.config.thresholds);
    if (category === undefined) return { kind: 'keep', data: image.data };
    const suspended = await this.countRefusal(userId, `image:${category}`);
    if (this.config.action === 'blur') return { kind: 'blurred', data: await blur(image), category };
    const subject = what === 'output' ? 'This image was withheld' : 'This image cannot be uploaded';
    return {
      kind: 'refused', category,
      message: `${subject}: the image check found it falls under "${category}", which this server does not accept.` +
        (suspended ? ' This account has been suspended after repeated refusals. Contact the operator.' : ''),
    };
  }
}

/** A blur strong enough that nothing can be made out (a sigma of 1/20 of the shorter side), in the image's own format. */
async function blur(image: ReviewedImage): Promise<Buffer> {
  const sigma = Math.max(8, Math.min(image.width, image.height) / 20);
  const format = FORMATS[image.mime] ?? 'png';
  return sharp(image.data, { animated: format === 'gif' || format === 'webp', limitInputPixels: false }).blur(sigma).toFormat(format).toBuffer();
}
