/**
 * Work started after a request is answered (so the answer's timing says nothing about it). Errors go to
 * `onError`; `idle()` resolves once everything started so far has settled (tests and shutdown wait on it).
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Starts `work` on a later turn of the event loop (setImmediate), once the current answer has been written. */
  run(work: () => Promise<void>): void {
    const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve)).then(work).catch(this.onError).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
