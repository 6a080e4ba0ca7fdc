/** How often a worker process looks for work owed: end hooks a dead process left, batch rows waiting for room. */
export const OWED_WORK_EVERY_MS = 30_000;

/**
 * Runs `tasks` once now (a worker's start catches up on what a dead process left) and then every `everyMs`, one
 * round at a time (a slow round is not overlapped by the next). Returns the stop function; `idle` waits for a
 * round in flight.
 */
export function scheduleOwedWork(tasks: ReadonlyArray<() => Promise<unknown>>, onError: (err: unknown) => void, everyMs = OWED_WORK_EVERY_MS) {
  let round: Promise<void> | undefined;
  const tick = () => {
    round ??= (async () => {
      for (const task of tasks) await task().catch(onError);
    })().finally(() => (round = undefined));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await round;
    },
  };
}
