import crypto from 'node:crypto';
import { DAY_MS, type Clock } from '../../../lib/clock.js';
import type { GenerationUsageHook } from '../../generations/service.js';
import type { AnalyticsRepository, DailyCount } from './repository.js';

/** YYYY-MM-DD of a time, in UTC: the unit of every count. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Past this many distinct features in a day (per process), further ones are counted as 'other'. */
const MAX_FEATURES_PER_DAY = 100;

export interface DayReport {
  date: string;
  visitors: number;
  features: Record<string, number>;
  engines: Record<string, number>;
  styles: Record<string, number>;
  sizes: Record<string, number>;
}

/** Who is behind a request, only ever used to compute the day's visitor hash; never stored as such. */
export interface VisitorClue {
  ip: string;
  userAgent: string;
}

/**
 * Usage analytics as daily aggregates only: counts per feature, engine, style and size, and a count of distinct
 * visitors. Nothing stored names a person: visitors are told apart by HMAC(daily salt, address + browser), and the
 * salt and hashes of a day are deleted as soon as the day is over (at the latest by the next maintenance run, so
 * within 48 hours), after which a hash can never be linked to anyone again.
 *
 * Counting is cheap on the request path: increments go to memory and are written in one transaction every
 * `flushMs` (and on close), so a generation costs a few map updates, not a write.
 */
export class UsageAnalytics implements GenerationUsageHook {
  private pending = new Map<string, DailyCount>();
  private timer: NodeJS.Timeout | undefined;
  private readonly featuresSeen = new Map<string, Set<string>>();
  private salt: { day: string; value: Buffer } | undefined;
  private cleanedDay = '';

  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly clock: Clock,
    private readonly opts: { retentionDays: number; flushMs?: number },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.opts.flushMs ?? 10_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  generationAccepted(g: { mode: string; engine: string; style: string | null; size: string; count: number }): void {
    const day = utcDay(this.clock.now());
    this.add(day, 'feature', g.mode, 1);
    this.add(day, 'engine', g.engine, 1);
    this.add(day, 'style', g.style ?? 'none', 1);
    this.add(day, 'size', g.size, 1);
    this.add(day, 'images', g.engine, g.count);
  }

  /** A studio event from someone who accepted the analytics cookie. */
  async recordEvent(feature: string, visitor: VisitorClue | undefined): Promise<void> {
    const day = utcDay(this.clock.now());
    let seen = this.featuresSeen.get(day);
    if (!seen) {
      this.featuresSeen.clear();
      seen = new Set();
      this.featuresSeen.set(day, seen);
    }
    if (!seen.has(feature) && seen.size >= MAX_FEATURES_PER_DAY) feature = 'other';
    seen.add(feature);
    this.add(day, 'feature', feature, 1);
    if (visitor && (await this.repo.addVisitor(day, await this.visitorHash(day, visitor)))) this.add(day, 'visitors', 'all', 1);
  }

  /** Daily aggregates of the last `days` days (today included), oldest first, with zero days filled in. */
  async report(days: number): Promise<DayReport[]> {
    await this.flush();
    const now = this.clock.now();
    const from = utcDay(now - (days - 1) * DAY_MS);
    const byDay = new Map<string, DayReport>();
    for (let t = now - (days - 1) * DAY_MS; utcDay(t) <= utcDay(now); t += DAY_MS) {
      const date = utcDay(t);
      byDay.set(date, { date, visitors: 0, features: {}, engines: {}, styles: {}, sizes: {} });
    }
    for (const c of await this.repo.between(from, utcDay(now))) {
      const d = byDay.get(c.day);
      if (!d) continue;
      if (c.dimension === 'visitors') d.visitors += c.count;
      else if (c.dimension === 'feature') d.features[c.value] = c.count;
      else if (c.dimension === 'engine') d.engines[c.value] = c.count;
      else if (c.dimension === 'style') d.styles[c.value] = c.count;
      else if (c.dimension === 'size') d.sizes[c.value] = c.count;
    }
    return [...byDay.values()];
  }

  /** Writes the counts held in memory. */
  async flush(): Promise<void> {
    await this.deleteOldSalts();
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.repo.add(batch);
    } catch (err) {
      for (const c of batch) this.add(c.day, c.dimension, c.value, c.count); // keep them for the next flush
      throw err;
    }
  }

  /** Maintenance: salts of past days (so within 48 h of their day's start) and aggregates past retention. */
  async applyRetention(): Promise<{ salts: number; counts: number }> {
    const today = utcDay(this.clock.now());
    const salts = await this.repo.deleteSaltsBefore(today);
    this.cleanedDay = today;
    await this.flush();
    const counts = await this.repo.deleteCountsBefore(utcDay(this.clock.now() - this.opts.retentionDays * DAY_MS));
    return { salts, counts };
  }

  private add(day: string, dimension: string, value: string, n: number): void {
    const key = `${day}\0${dimension}\0${value}`;
    const c = this.pending.get(key);
    if (c) c.count += n;
    else this.pending.set(key, { day, dimension, value, count: n });
  }

  private async visitorHash(day: string, v: VisitorClue): Promise<string> {
    if (this.salt?.day !== day) {
      await this.deleteOldSalts();
      const salt = (await this.repo.saltFor(day)) ?? (await this.repo.createSalt(day, crypto.randomBytes(32), this.clock.now()));
      this.salt = { day, value: salt };
    }
    return crypto.createHmac('sha256', this.salt.value).update(`${v.ip}\n${v.userAgent}`).digest('base64url');
  }

  /** Once per day and process: yesterday's salt and hashes go as soon as today begins. */
  private async deleteOldSalts(): Promise<void> {
    const today = utcDay(this.clock.now());
    if (this.cleanedDay === today) return;
    await this.repo.deleteSaltsBefore(today);
    this.cleanedDay = today;
  }
}
