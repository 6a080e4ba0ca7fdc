/**
 * Test-only helpers of the asset and album tests: a photo with EXIF, a hand-built multipart body, and (from
 * test-support/factories.ts, re-exported under their old names) image fixtures and the service environment.
 */
import crypto from 'node:crypto';
import { createTestContext, solid, type TestContext } from '../../test-support/factories.js';

// ---- images -------------------------------------------------------------------------------------------------

export { bombPng, image, solid, type Format } from '../../test-support/factories.js';

/** A 40×20 JPEG whose EXIF says "rotate 90° clockwise" and carries a GPS position and a camera make. */
export async function orientedJpegWithGps(): Promise<Buffer> {
  return solid(40, 20)
    .withExif({
      IFD0: { Make: 'PhoneCo' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

// ---- multipart ----------------------------------------------------------------------------------------------

/** A multipart/form-data body with one file part (and optional text fields), built by hand. */
export function multipart(
  file: { data: Buffer; filename: string; contentType?: string; field?: string },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----atelier${crypto.randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// ---- service environment ------------------------------------------------------------------------------------

/** The shared test context (see test-support/factories.ts), under the name these tests have always used. */
export type ServiceEnv = TestContext;
export const serviceEnv = createTestContext;
export { insertGeneration as createGeneration, insertUser as createUser } from '../../test-support/factories.js';
