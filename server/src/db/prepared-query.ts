import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/** Stands for one named argument inside a query shape built by `PreparedQuery`. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A hot query shape that Kysely builds and compiles once; every call runs the same SQL text with new parameters
 * (and so, through the statement cache, the same prepared statement). Building and compiling a query costs
 * Kysely 10–20 µs of the main thread — more than SQLite takes to run the small statements of the generation path.
 *
 * `build` receives a stand-in for each argument and returns the query. Only argument *values* may vary: the
 * shape must not depend on them (no `in (…)` over an argument list, no optional columns chosen by an argument;
 * use `coalesce(${arg}, column)` and friends in SQL instead). It still runs through Kysely, so it takes its turn on
 * the single connection and joins the transaction it is executed on.
 */
export class PreparedQuery<A extends object, R> {
  private compiled: { sql: string; bind: Array<(args: A) => unknown> } | undefined;

  constructor(private readonly build: (args: A) => Compilable<R>) {}

  async execute(db: Kysely<any>, args: A): Promise<R[]> {
    const { sql, bind } = (this.compiled ??= this.compile());
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, bind.map((b) => b(args))));
    return result.rows;
  }

  async executeTakeFirst(db: Kysely<any>, args: A): Promise<R | undefined> {
    return (await this.execute(db, args))[0];
  }

  /** Rows changed by a statement without `returning` (insert/update/delete). */
  async executeChanges(db: Kysely<any>, args: A): Promise<number> {
    const { sql, bind } = (this.compiled ??= this.compile());
    const result = await db.executeQuery(CompiledQuery.raw(sql, bind.map((b) => b(args))));
    return Number(result.numAffectedRows ?? 0n);
  }

  private compile(): { sql: string; bind: Array<(args: A) => unknown> } {
    const stand = new Proxy({}, { get: (_, name) => new Slot(String(name)) }) as A;
    const { sql, parameters } = this.build(stand).compile();
    const bind = parameters.map((p): ((args: A) => unknown) => {
      if (!(p instanceof Slot)) return () => p;
      return (args) => {
        const value = (args as Record<string, unknown>)[p.name];
        if (value === undefined) throw new Error(`PreparedQuery: argument "${p.name}" is missing`);
        return value;
      };
    });
    return { sql, bind };
  }
}
