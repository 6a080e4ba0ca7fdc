/**
 * The gallery's multi-select, as pure functions over an immutable value: a click or checkbox toggles one image,
 * shift extends from the last toggled one (the anchor) to the clicked one in display order, and keyboard
 * selection uses the same two moves.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** The last image toggled on its own: the start of the next shift-range. */
  anchor: string | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

export function toggle(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift-click: selects everything between the anchor and `id` in `order` (both ends included) and keeps what was
 * selected before. Without an anchor (or when the anchor left the list) it selects `id` alone.
 */
export function selectRange(selection: Selection, order: readonly string[], id: string): Selection {
  const to = order.indexOf(id);
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  if (to === -1) return selection;
  if (from === -1) return toggle(selection, id);
  const ids = new Set(selection.ids);
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  for (let i = lo; i <= hi; i++) ids.add(order[i]!);
  return { ids, anchor: selection.anchor };
}

/** What a click does: shift extends the range, anything else toggles. */
export function clickSelect(selection: Selection, order: readonly string[], id: string, shift: boolean): Selection {
  return shift ? selectRange(selection, order, id) : toggle(selection, id);
}

export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order.at(-1) ?? null };
}

/** Forgets ids no longer shown (deleted, or filtered out), keeping the order of the rest irrelevant. */
export function retainOnly(selection: Selection, present: readonly string[]): Selection {
  const keep = new Set(present);
  const ids = new Set([...selection.ids].filter((id) => keep.has(id)));
  if (ids.size === selection.ids.size) return selection;
  return { ids, anchor: selection.anchor !== null && keep.has(selection.anchor) ? selection.anchor : null };
}

/** The selected ids in display order (what bulk actions send). */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  return order.filter((id) => selection.ids.has(id));
}

/** Keyboard focus moves in a grid of `columns`: arrows by one cell or one row, Home/End to the ends. */
export function moveFocus(index: number, key: string, columns: number, count: number): number | null {
  if (count === 0) return null;
  let next: number;
  switch (key) {
    case 'ArrowRight': next = index + 1; break;
    case 'ArrowLeft': next = index - 1; break;
    case 'ArrowDown': next = index + columns; break;
    case 'ArrowUp': next = index - columns; break;
    case 'Home': next = 0; break;
    case 'End': next = count - 1; break;
    default: return null;
  }
  return Math.min(Math.max(next, 0), count - 1);
}
