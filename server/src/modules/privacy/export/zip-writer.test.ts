import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../test-support/zip.js';
import { ZipWriter } from './zip-writer.js';

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function* pages(...lists: unknown[][]): AsyncGenerator<unknown[]> {
  for (const list of lists) yield list;
}

describe('ZipWriter', () => {
  it('writes entries in order as a zip another reader opens, JSON arrays streamed page by page', async () => {
    const zip = new ZipWriter(2);
    const done = collect(zip.output);
    await zip.addJson('a.json', { hello: 'world' });
    await zip.addJsonArray('empty.json', () => pages());
    await zip.addJsonArray('many.json', () => pages([1, 2], [], [3]));
    for (let i = 0; i < 10; i++) await zip.add(`media/${i}.bin`, async () => Readable.from([Buffer.alloc(1000, i)]), { compress: false });
    zip.end();
    const entries = await readZip(await done);
    expect([...entries.keys()].slice(0, 3)).toEqual(['a.json', 'empty.json', 'many.json']);
    expect(JSON.parse(entries.get('a.json')!.toString())).toEqual({ hello: 'world' });
    expect(JSON.parse(entries.get('empty.json')!.toString())).toEqual([]);
    expect(JSON.parse(entries.get('many.json')!.toString())).toEqual([1, 2, 3]);
    expect(entries.get('media/7.bin')!.equals(Buffer.alloc(1000, 7))).toBe(true);
  });

  it('keeps an abort that comes before anyone reads the output for the reader that comes later', async () => {
    const zip = new ZipWriter();
    zip.abort(new Error('The export was stopped.'));
    await new Promise((resolve) => setImmediate(resolve)); // the destroy's error event has gone out, with no reader
    await expect(pipeline(zip.output, new Writable({ write: (_chunk, _enc, next) => next() }))).rejects.toThrow('The export was stopped.');
  });

  it('fails the whole zip, instead of hanging or truncating silently, when a source breaks mid-stream', async () => {
    const zip = new ZipWriter(1);
    const done = collect(zip.output);
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(100));
        this.destroy(new Error('blob failed its integrity check'));
      },
    });
    const adding = (async () => {
      await zip.add('ok.bin', async () => Readable.from([Buffer.alloc(10)]), { compress: false });
      await zip.add('broken.bin', async () => broken, { compress: false });
      for (let i = 0; i < 5; i++) await zip.add(`later-${i}.bin`, async () => Readable.from([Buffer.alloc(10)]), { compress: false });
      zip.end();
    })();
    await expect(done).rejects.toThrow('integrity check');
    await expect(adding).rejects.toThrow('integrity check');
  });
});
