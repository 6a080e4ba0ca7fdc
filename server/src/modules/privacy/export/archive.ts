import { Readable } from 'node:stream';
import type { BlobStore } from '../../../storage/blob-store.js';
import type { ExportEntry, PersonalData } from '../../../lib/personal-data.js';
import type { ZipWriter } from './zip-writer.js';

/** What the zip holds, for the README inside it. */
const README = `This archive holds everything Atelier keeps about your account.

account.json          your account: email, name, role, preferences, policy versions you acknowledged
consents.json         your current choices (training, product emails, analytics) and their full history
sessions.json         your signed-in devices: browser, OS and device type only, and the IP address cut to its network
security-events.json  sign-ins and other security events of your account (IP address cut to its network)
passkeys.json         your passkeys: the names you gave them, when they were added and last used
linked-identities.json  single sign-on accounts linked to yours: provider, your id there, the email it confirmed
api-tokens.json       your API tokens: name, scopes, the first characters, created, last used, expiry (never the secret)
generations.json      every generation and edit: prompt, parameters, engine, model, status, times
prompt-snippets.json  your saved prompts and templates
albums.json           your albums and the images in each
shares.json           your share links: what each shows, its settings and view count (never the link itself)
support.json          what you wrote to the people who run this Atelier
media/                every image you uploaded or made, as stored (decrypted), and beside each a .json with its details
`;

/**
 * Writes one person's export into `zip`: the README, then each source's files in order (server/src/personal-data.ts
 * lists them: JSON documents first, then every original with its metadata). Stored files are streamed from the
 * BlobStore (decrypted chunk by chunk), never loaded whole.
 */
export async function writeExportArchive(zip: ZipWriter, sources: readonly PersonalData[], blobs: BlobStore, userId: string): Promise<void> {
  await zip.add('README.txt', async () => Readable.from([Buffer.from(README)]), { compress: true });
  for (const source of sources) {
    for await (const entry of source.exportFor?.(userId) ?? []) await addEntry(zip, entry, blobs, userId);
  }
  zip.end();
}

function addEntry(zip: ZipWriter, entry: ExportEntry, blobs: BlobStore, userId: string): Promise<void> {
  if ('json' in entry) return zip.addJson(entry.path, entry.json);
  if ('jsonPages' in entry) return zip.addJsonArray(entry.path, entry.jsonPages);
  return zip.add(entry.path, () => blobs.get(entry.blobKey, userId), { compress: false, mtime: entry.mtime });
}
