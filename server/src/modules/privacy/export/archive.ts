import { Readable } from 'node:stream';
import type { BlobStore } from '../../../storage/blob-store.js';
import { mediaPath, type PersonalDataReader } from './personal-data.js';
import type { ZipWriter } from './zip-writer.js';

/** What the zip holds, for the README inside it. */
const README = `This archive holds everything Atelier keeps about your account.

account.json          your account: email, name, role, preferences, policy versions you acknowledged
consents.json         your current choices (training, product emails, analytics) and their full history
sessions.json         your signed-in devices: browser, OS and device type only, and the IP address cut to its network
security-events.json  sign-ins and other security events of your account (IP address cut to its network)
generations.json      every generation and edit: prompt, parameters, engine, model, status, times
albums.json           your albums and the images in each
media/                every image you uploaded or made, as stored (decrypted), and beside each a .json with its details
`;

/**
 * Writes one person's export into `zip`: JSON documents first, then every original with its metadata.
 * Images are streamed from the BlobStore (decrypted chunk by chunk), never loaded whole.
 */
export async function writeExportArchive(zip: ZipWriter, reader: PersonalDataReader, blobs: BlobStore, userId: string): Promise<void> {
  const account = await reader.account(userId);
  if (!account) throw new Error('The account no longer exists.');
  await zip.add('README.txt', async () => Readable.from([Buffer.from(README)]), { compress: true });
  await zip.addJson('account.json', account);
  await zip.addJson('consents.json', await reader.consentRecord(userId));
  await zip.addJson('sessions.json', await reader.sessions(userId));
  await zip.addJson('security-events.json', await reader.securityEvents(userId));
  await zip.addJsonArray('generations.json', () => reader.generations(userId));
  await zip.addJson('albums.json', await reader.albums(userId));
  for await (const page of reader.assets(userId)) {
    for (const { asset, record } of page) {
      const mtime = new Date(asset.created_at);
      await zip.add(mediaPath(asset), () => blobs.get(asset.blob_key, userId), { compress: false, mtime });
      await zip.addJson(`media/${asset.id}.json`, record);
    }
  }
  zip.end();
}
