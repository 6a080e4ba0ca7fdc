import SQLite from 'better-sqlite3';

/**
 * Counts and times every SQLite statement the process runs through better-sqlite3 (which Kysely's SqliteDialect
 * uses: it calls `prepare(sql)` then `all`/`run` for every query). Installed by patching the prototypes, so it
 * sees the app's own connection without touching server code. The cost of the probe is two performance.now()
 * calls per statement.
 */
export interface SqlTotals {
  statements: number;
  prepares: number;
  prepareMs: number;
  execMs: number;
  /** Per statement shape ("select generations", "begin", ...): count and time (prepare + execution). */
  byShape: Map<string, { n: number; ms: number }>;
}

type AnyFn = (...args: unknown[]) => unknown;

export class SqlProbe {
  private totals: SqlTotals = SqlProbe.empty();
  private installed = false;

  static empty(): SqlTotals {
    return { statements: 0, prepares: 0, prepareMs: 0, execMs: 0, byShape: new Map() };
  }

  /** Patches better-sqlite3 for the rest of the process (idempotent). */
  install(): void {
    if (this.installed) return;
    this.installed = true;
    const probe = this;
    const dbProto = SQLite.prototype as unknown as { prepare: AnyFn };
    const originalPrepare = dbProto.prepare;
    let stmtProtoPatched = false;
    dbProto.prepare = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const stmt = originalPrepare.apply(this, args) as object;
      const dt = performance.now() - t0;
      probe.totals.prepares += 1;
      probe.totals.prepareMs += dt;
      probe.add(shapeOf(String(args[0])), dt);
      if (!stmtProtoPatched) {
        stmtProtoPatched = true;
        patchStatement(Object.getPrototypeOf(stmt) as Record<string, AnyFn>, probe);
      }
      return stmt;
    };
  }

  /** Totals since the last reset. */
  snapshot(): SqlTotals {
    const t = this.totals;
    return { ...t, byShape: new Map([...t.byShape].map(([k, v]) => [k, { ...v }])) };
  }

  reset(): void {
    this.totals = SqlProbe.empty();
  }

  /** @internal */
  add(shape: string, ms: number, executed = false): void {
    if (executed) {
      this.totals.statements += 1;
      this.totals.execMs += ms;
    }
    const entry = this.totals.byShape.get(shape);
    if (entry) {
      entry.ms += ms;
      if (executed) entry.n += 1;
    } else {
      this.totals.byShape.set(shape, { n: executed ? 1 : 0, ms });
    }
  }
}

function patchStatement(proto: Record<string, AnyFn>, probe: SqlProbe): void {
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = proto[method];
    if (typeof original !== 'function') continue;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        probe.add(shapeOf(this.source), performance.now() - t0, true);
      }
    };
  }
}

const shapes = new Map<string, string>();

/** "select generations", "insert assets", "update jobs", "begin", ...: the verb and the first table named. */
export function shapeOf(sqlText: string): string {
  let s = shapes.get(sqlText);
  if (s !== undefined) return s;
  const text = sqlText.trim().toLowerCase();
  const verb = /^(\w+)/.exec(text)?.[1] ?? '?';
  let table: string | undefined;
  if (verb === 'select') table = /\bfrom\s+"?(\w+)"?/.exec(text)?.[1];
  else if (verb === 'insert') table = /\binto\s+"?(\w+)"?/.exec(text)?.[1];
  else if (verb === 'update') table = /^update\s+"?(\w+)"?/.exec(text)?.[1];
  else if (verb === 'delete') table = /\bfrom\s+"?(\w+)"?/.exec(text)?.[1];
  s = table ? `${verb} ${table}` : verb;
  if (verb === 'insert' && /on conflict/.test(text)) s += ' (upsert)';
  if (shapes.size < 10_000) shapes.set(sqlText, s);
  return s;
}
