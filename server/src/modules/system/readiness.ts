/** One thing this process needs in order to serve: its name (as people read it) and how to check it. */
export interface Dependency {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

/** The dependencies that do not answer now (in time), each with the reason. */
export async function unavailable(dependencies: readonly Dependency[]): Promise<string[]> {
  const results = await Promise.all(dependencies.map(async (d) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([d.check(), timeout]);
      return undefined;
    } catch (err) {
      return `${d.name}: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      clearTimeout(timer);
    }
  }));
  return results.filter((r): r is string => r !== undefined);
}
