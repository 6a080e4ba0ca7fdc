/** `--name=value` / `--name value` / `--flag` command-line options, with typed defaults. */
export class Args {
  private readonly values = new Map<string, string>();

  constructor(argv: readonly string[] = process.argv.slice(2)) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (!a.startsWith('--')) continue;
      const eq = a.indexOf('=');
      if (eq > 0) this.values.set(a.slice(2, eq), a.slice(eq + 1));
      else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) this.values.set(a.slice(2), argv[++i]!);
      else this.values.set(a.slice(2), 'true');
    }
  }

  string(name: string, fallback: string): string {
    return this.values.get(name) ?? fallback;
  }

  number(name: string, fallback: number): number {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got ${v})`);
    return n;
  }

  numbers(name: string, fallback: number[]): number[] {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    const list = v.split(',').map((s) => Number(s.trim()));
    if (list.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error(`--${name} must be a comma-separated list of positive numbers (got ${v})`);
    return list;
  }

  flag(name: string, fallback = false): boolean {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    return !['false', '0', 'no', 'off'].includes(v.toLowerCase());
  }
}
