/** Asks `what` every 50 ms until it answers something other than undefined (at most 20 s), and returns that. */
export async function until<T>(what: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await what();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
