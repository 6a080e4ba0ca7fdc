/**
 * The digital source type each stored image claims, by how it was made, and Content Credentials kept intact.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALGORITHMIC_MEDIA, checkContentCredentials, COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, readProvenance, TRAINED_ALGORITHMIC_MEDIA,
} from '../../media/index.js';
import { withContentCredentials } from '../../test-support/c2pa-signed.js';
import { createTestContext, image, type TestContext } from '../../test-support/factories.js';
import type { StoreOutputInput } from './generation-port.js';
import type { OutputOrigin } from './source-type.js';

const DIGITAL_CAPTURE = 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture';

let env: TestContext;
let alice: string;

beforeEach(async () => {
  env = await createTestContext();
  alice = await env.newUser();
});
afterEach(() => env.close());

const png = (colour = '#2040c0') => image('png', 32, 24, colour);

async function store(origin: OutputOrigin, parentId: string | null, data: Buffer, mime: StoreOutputInput['image']['mime'] = 'image/png') {
  const gen = await env.newGeneration(alice, 'p');
  const asset = await env.assets.storeOutput({
    userId: alice, generationId: gen, index: 0, kind: parentId ? 'edited' : 'generated', parentId, prompt: 'p', engine: 'e', origin,
    embedPrompt: false, metadata: {}, image: { index: 0, data, mime, width: 32, height: 24 },
  });
  const stored = await env.blobs.getBuffer(asset.blob_key, alice);
  return { dto: await env.assets.get(alice, asset.id), stored, claim: (await readProvenance(stored)).digitalSourceType };
}

async function uploadWith(xmpSourceType?: string): Promise<string> {
  let img = sharp(await png('#808080')).png();
  if (xmpSourceType) {
    img = img.withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="${xmpSourceType}"/>` +
      `</rdf:RDF></x:xmpmeta>`);
  }
  return (await env.assets.upload(alice, { data: await img.toBuffer(), fileName: 'photo.png' })).id;
}

/** A PNG carrying a C2PA manifest store chunk ('caBX', a JUMBF box labelled c2pa) just before IEND. */
async function pngWithManifest(): Promise<Buffer> {
  const base = await png();
  const data = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('jumb'), Buffer.from([0, 0, 0, 16]), Buffer.from('jumdc2pa\0\0\0\0')]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('caBX', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([base.subarray(0, base.length - 12), chunk, base.subarray(base.length - 12)]);
}

/** A JPEG with an APP11 segment holding a JUMBF box ('JP' common identifier) labelled c2pa. */
async function jpegWithManifest(): Promise<Buffer> {
  const base = await image('jpeg', 32, 24, '#c04020');
  const payload = Buffer.concat([Buffer.from('JP'), Buffer.from([0, 1, 0, 0, 0, 1]), Buffer.from([0, 0, 0, 24]), Buffer.from('jumb'), Buffer.from('jumdc2pa\0\0\0\0')]);
  const header = Buffer.from([0xff, 0xeb, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), header, payload, base.subarray(2)]);
}

describe('digital source type by origin', () => {
  it('the built-in renderer\'s output is algorithmicMedia, a model\'s trainedAlgorithmicMedia', async () => {
    const procedural = await store('procedural', null, await png());
    expect(procedural.claim).toBe(ALGORITHMIC_MEDIA);
    expect(procedural.dto.digitalSourceType).toBe(ALGORITHMIC_MEDIA);
    expect((await store('model', null, await png())).claim).toBe(TRAINED_ALGORITHMIC_MEDIA);
  });

  it('a model\'s edit of an upload is a composite with trained algorithmic media', async () => {
    const edit = await store('model-edit', await uploadWith(), await png());
    expect(edit.claim).toBe(COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA);
    expect(edit.dto.digitalSourceType).toBe(COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA);
  });

  it('a classic edit of an upload keeps the upload\'s own claim, and makes none when it had none', async () => {
    const plain = await store('classic-edit', await uploadWith(), await png());
    expect(plain.claim).toBeUndefined();
    expect(plain.dto.digitalSourceType).toBeUndefined();
    expect((await sharp(plain.stored).metadata()).xmp!.toString()).not.toContain('DigitalSourceType');

    const photoId = await uploadWith(DIGITAL_CAPTURE);
    expect((await env.assets.get(alice, photoId)).digitalSourceType).toBe(DIGITAL_CAPTURE);
    expect((await store('classic-edit', photoId, await png())).claim).toBe(DIGITAL_CAPTURE);
  });

  it('a classic edit of a generated image keeps what made it', async () => {
    const procedural = await store('procedural', null, await png());
    expect((await store('classic-edit', procedural.dto.id, await png())).claim).toBe(ALGORITHMIC_MEDIA);
    const model = await store('model', null, await png());
    expect((await store('model-edit', model.dto.id, await png())).claim).toBe(TRAINED_ALGORITHMIC_MEDIA);
  });
});

describe('Content Credentials', () => {
  it.each([
    ['PNG', pngWithManifest, 'image/png'],
    ['JPEG', jpegWithManifest, 'image/jpeg'],
  ] as const)('a %s with a C2PA manifest is stored byte for byte, and recorded', async (_name, make, mime) => {
    const original = await make();
    const { stored, dto } = await store('model', null, original, mime);
    expect(stored.equals(original)).toBe(true);
    expect(dto.contentCredentials).toBe(true);
    expect(dto.digitalSourceType).toBe(TRAINED_ALGORITHMIC_MEDIA);
  });

  it.each(['image/jpeg', 'image/png'] as const)('a signed %s whose bytes match its claim is valid; altered after signing, invalid', async (mime) => {
    const plain = await image(mime === 'image/jpeg' ? 'jpeg' : 'png', 32, 24, '#c04020');
    const signed = await withContentCredentials(plain, mime);
    const valid = await store('model', null, signed, mime);
    expect(valid.stored.equals(signed)).toBe(true);
    expect(valid.dto).toMatchObject({ contentCredentials: true, contentCredentialsState: 'valid' });

    // One byte of the image changed after signing, the manifest untouched: a JPEG quantisation value, the checksum of
    // the PNG's last data chunk. The data hash covers both.
    const altered = Buffer.from(signed);
    altered[mime === 'image/jpeg' ? signed.indexOf(Buffer.from([0xff, 0xdb])) + 10 : signed.length - 16] ^= 0x01;
    expect((await store('model', null, altered, mime)).dto).toMatchObject({ contentCredentials: true, contentCredentialsState: 'invalid' });
    expect(await checkContentCredentials(altered, mime)).toEqual({ state: 'invalid', failures: ['assertion.dataHash.mismatch'] });
  });

  it('a manifest store without a claim or signature (only the c2pa box) is invalid, and says why', async () => {
    expect(await checkContentCredentials(await jpegWithManifest(), 'image/jpeg')).toMatchObject({ state: 'invalid' });
    const { dto } = await store('model', null, await pngWithManifest(), 'image/png');
    expect(dto.contentCredentialsState).toBe('invalid');
  });

  it('an image without one gets Atelier\'s XMP and no such mark', async () => {
    const { stored, dto } = await store('model', null, await png());
    expect(dto.contentCredentials).toBeUndefined();
    expect((await readProvenance(stored)).creatorTool).toBe('Atelier (e)');
  });
});
