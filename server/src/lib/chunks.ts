/** Databases cap bound parameters per statement (SQLite at 32,766, older builds 999); id lists go in chunks well below that. */
export const ID_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
