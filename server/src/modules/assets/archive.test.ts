import { describe, expect, it } from 'vitest';
import { appForFile, type TestUser } from '../../test-support/harness.js';
import { readZip } from '../../test-support/zip.js';
import { archiveEntryNames } from './archive.js';
import { image, multipart } from './test-fixtures.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

async function upload(user: TestUser, fileName: string, colour: string): Promise<string> {
  const body = multipart({ data: await image('png', 20, 10, colour), filename: fileName, contentType: 'image/png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

const archive = (user: TestUser, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/assets/archive', headers: user.headers, payload: payload as object });

const original = async (user: TestUser, id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/assets/${id}/content`, headers: { cookie: user.cookie } })).rawPayload;

describe('POST /assets/archive', () => {
  it('streams a zip of the decrypted originals in the order asked, repeated names made unique', async () => {
    const a = await upload(alice, 'sunset.png', '#ff8000');
    const b = await upload(alice, 'sunset.png', '#0080ff');
    const c = await upload(alice, 'forest.png', '#00a040');

    const res = await archive(alice, { ids: [c, a, b, a] });

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="atelier-\d{4}-\d{2}-\d{2}\.zip"$/);
    const entries = [...(await readZip(res.rawPayload))];
    expect(entries.map(([name]) => name)).toEqual(['forest.png', 'sunset.png', 'sunset (2).png']);
    expect(entries[0]![1].equals(await original(alice, c))).toBe(true);
    expect(entries[1]![1].equals(await original(alice, a))).toBe(true);
    expect(entries[2]![1].equals(await original(alice, b))).toBe(true);
  });

  it("answers 404 and sends no zip when any id is someone else's", async () => {
    const mine = await upload(alice, 'mine.png', '#102030');
    const theirs = await upload(bob, 'theirs.png', '#302010');

    const res = await archive(alice, { ids: [mine, theirs] });

    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', details: { missingIds: [theirs] } });
  });

  it('answers 404 for an image in the trash', async () => {
    const id = await upload(alice, 'gone.png', '#404040');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/assets/${id}`, headers: alice.headers })).statusCode).toBe(204);

    const res = await archive(alice, { ids: [id] });

    expect(res.statusCode).toBe(404);
  });

  it.each([
    ['no ids', { ids: [] }],
    ['a missing ids field', {}],
    ['an unknown field', { ids: ['x'], all: true }],
    ['more than 500 ids', { ids: Array.from({ length: 501 }, (_, i) => `id${i}`) }],
  ])('answers 400 with a message for %s', async (_label, payload) => {
    const res = await archive(alice, payload);

    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toEqual(expect.any(String));
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets/archive', payload: { ids: ['x'] } });

    expect(res.statusCode).toBe(401);
  });
});

describe('archiveEntryNames', () => {
  const asset = (id: string, fileName?: string) => ({
    id,
    kind: fileName ? ('upload' as const) : ('generated' as const),
    mime: 'image/png',
    metadata: JSON.stringify(fileName ? { fileName } : {}),
    created_at: 0,
  });

  it('keeps names inside the archive root and names generated images by id', () => {
    expect(archiveEntryNames([asset('a', '../../etc/passwd'), asset('b', 'x\\y:z.png'), asset('g1')])).toEqual([
      '__.._etc_passwd',
      'x_y_z.png',
      'atelier-g1.png',
    ]);
  });

  it('numbers repeated names case-insensitively, keeping the extension', () => {
    expect(archiveEntryNames([asset('a', 'Cat.png'), asset('b', 'cat.png'), asset('c', 'CAT.png'), asset('d', 'notes')])).toEqual([
      'Cat.png',
      'cat (2).png',
      'CAT (3).png',
      'notes',
    ]);
  });
});
