import { Readable } from 'node:stream';
import type { BlobStore } from '../../../storage/blob-store.js';
import type { ExportEntry, PersonalData } from '../../../lib/personal-data.js';
import type { ZipWriter } from './zip-writer.js';

/** What the zip holds, for the README inside it. */
const README = `This archive holds everything Atelier keeps about your account.

account.json                your account: email, name, role, preferences, policy versions you acknowledged
consents.json               your current choices (training, product emails, analytics) and their full history
sessions.json               your signed-in devices: browser, OS and device type only, and the IP address cut to its network
security-events.json        sign-ins and other security events of your account, with their details (IP address cut to its network)
administrator-actions.json  what administrators did to your account (suspension, role, deletion...) and when
passkeys.json               your passkeys: the names you gave them, when they were added and last used
linked-identities.json      single sign-on accounts linked to yours: provider, your id there, the email it confirmed
account-security.json       email links sent to you, your two-step sign-in and recovery codes (dates only, never a secret)
invitations.json            the invitations you made as an administrator
api-tokens.json             your API tokens: name, scopes, the first characters, created, last used, expiry (never the secret)
webhooks.json               your webhooks and each delivery (never the signing secret)
billing.json                your plan, subscription and every credit entry (only if you have any)
moderation.json             how many of your prompts the moderation policy refused (only if any)
batches.json                your batch files: names, rows and the generation each row became
workflows.json              your saved workflows and each run: its steps, inputs and what each step made
provider-keys.json          your own provider keys: provider, last four characters, base address, monthly cap (never the key)
provider-key-use.json       which of your generations ran on your own keys, how many images, in which month
reports-made.json           the images you reported from share links: reason, note, what became of each
reports-about-you.json      reports of your shared images: reason and outcome (never who reported or their note)
generations.json            every generation and edit: prompt, parameters, engine, model, status, times
prompt-snippets.json        your saved prompts and templates
albums.json                 your albums, whether each is marked "never use for training", and the images in each
shares.json                 your share links: what each shows, its settings and view count (never the link itself)
support.json                what you wrote to the people who run this Atelier
emails.json                 every email written to you or about your account: subject, text, what became of it
exports.json                your earlier exports: when each was asked for, made and deleted
deletion-request.json       your account's deletion request (only while one is under way)
media/                      every image you uploaded or made, trashed ones included, as stored (decrypted), and beside
                            each a .json with its details (tags, albums, "never use for training")
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
