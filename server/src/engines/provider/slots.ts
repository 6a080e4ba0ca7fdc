/**
 * Which outputs of a generation are still owed. A provider numbers the images of each answer from 0; when an
 * earlier attempt (or an earlier run of the job) already delivered some, the next request asks only for the rest
 * and its image i fills the i-th missing index. So a retried set never duplicates an image nor pays for it twice.
 */
export class OutputSlots {
  private readonly settled = new Set<number>();

  constructor(readonly count: number, alreadyStored: ReadonlySet<number>) {
    for (const i of alreadyStored) this.settled.add(i);
  }

  remaining(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (!this.settled.has(i)) out.push(i);
    return out;
  }

  /** Index mapping for one request made now: provider index → output index (undefined past what was asked). */
  forRequest(): (providerIndex: number) => number | undefined {
    const snapshot = this.remaining();
    return (providerIndex) => (Number.isInteger(providerIndex) && providerIndex >= 0 ? snapshot[providerIndex] : undefined);
  }

  settle(index: number): void {
    this.settled.add(index);
  }

  isSettled(index: number): boolean {
    return this.settled.has(index);
  }
}

/** Adds provider usage figures (numbers only) across the calls of one job. */
export class UsageTotal {
  private readonly totals: Record<string, number> = {};

  add(usage: unknown): void {
    if (!usage || typeof usage !== 'object') return;
    for (const [k, v] of Object.entries(usage as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isFinite(v)) this.totals[k] = (this.totals[k] ?? 0) + v;
    }
  }

  result(): Record<string, number> | undefined {
    return Object.keys(this.totals).length > 0 ? { ...this.totals } : undefined;
  }
}
