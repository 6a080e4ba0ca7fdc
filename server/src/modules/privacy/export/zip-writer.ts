import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';

export interface EntryOptions {
  /** Deflate the entry (JSON); images are already compressed and are stored as they are. */
  compress: boolean;
  mtime?: Date;
}

/**
 * A zip written as a stream (yazl) whose entries are opened one at a time, when the zip reaches them. The
 * producer may add entries faster than they are written; `add` waits while more than `window` entries are
 * queued, so memory stays bounded whatever the number and size of the files.
 *
 * Any failure (a source stream erroring, yazl refusing an entry, `abort`) destroys `output` with the error,
 * so whoever consumes it (BlobStore.put) stops and discards the partial file.
 */
export class ZipWriter {
  readonly output: PassThrough;
  private readonly zip = new yazl.ZipFile();
  private added = 0;
  private opened = 0;
  private waiters: Array<{ resolve(): void; reject(err: Error): void }> = [];
  private failure: Error | undefined;

  constructor(private readonly window = 8) {
    this.output = this.zip.outputStream as PassThrough;
    // An abort can come before the consumer attaches (a BlobStore awaits its key and file first). Without a
    // listener the destroy's 'error' event would be an uncaught exception; a late consumer still gets the error,
    // since a destroyed stream reports it to whoever pipes it.
    this.output.on('error', () => undefined);
    this.zip.on('error', (err: Error) => this.abort(err));
  }

  async add(path: string, open: () => Promise<Readable>, opts: EntryOptions): Promise<void> {
    while (!this.failure && this.added - this.opened >= this.window) {
      await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    if (this.failure) throw this.failure;
    this.added += 1;
    this.zip.addReadStreamLazy(path, { compress: opts.compress, mtime: opts.mtime ?? new Date() }, (cb) => {
      this.opened += 1;
      this.wake();
      open().then(
        (stream) => {
          // yazl pipes the stream without listening for its errors; a damaged source must fail the zip.
          stream.once('error', (err: Error) => this.abort(err));
          cb(null, stream);
        },
        (err: Error) => this.abort(err),
      );
    });
  }

  addJson(path: string, value: unknown): Promise<void> {
    return this.add(path, async () => Readable.from([Buffer.from(`${JSON.stringify(value, null, 2)}\n`)]), { compress: true });
  }

  /** A JSON array written page by page: the whole list is never in memory at once. */
  addJsonArray(path: string, pages: () => AsyncIterable<unknown[]>): Promise<void> {
    return this.add(path, async () => Readable.from(jsonArrayText(pages())), { compress: true });
  }

  /** No more entries: the central directory is written once every entry is. */
  end(): void {
    if (!this.failure) this.zip.end();
  }

  abort(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const w of this.waiters) w.reject(err);
    this.waiters = [];
    this.output.destroy(err);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve();
  }
}

async function* jsonArrayText(pages: AsyncIterable<unknown[]>): AsyncGenerator<Buffer> {
  let separator = '';
  yield Buffer.from('[');
  for await (const page of pages) {
    let text = '';
    for (const item of page) {
      text += `${separator}\n  ${JSON.stringify(item)}`;
      separator = ',';
    }
    yield Buffer.from(text);
  }
  yield Buffer.from(separator ? '\n]\n' : ']\n');
}
