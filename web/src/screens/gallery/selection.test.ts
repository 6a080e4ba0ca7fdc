import { describe, expect, it } from 'vitest';
import { clickSelect, emptySelection, moveFocus, retainOnly, selectAll, selectRange, selectedInOrder, toggle } from './selection';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('gallery selection', () => {
  it('toggles one image on and off and remembers it as the anchor', () => {
    const on = toggle(emptySelection, 'c');
    expect(ids(on)).toEqual(['c']);
    expect(on.anchor).toBe('c');
    expect(ids(toggle(on, 'c'))).toEqual([]);
  });

  it('shift-selects from the anchor to the clicked image, forwards and backwards', () => {
    const anchored = toggle(emptySelection, 'b');
    expect(ids(selectRange(anchored, order, 'e'))).toEqual(['b', 'c', 'd', 'e']);
    const fromEnd = toggle(emptySelection, 'e');
    expect(ids(selectRange(fromEnd, order, 'b'))).toEqual(['b', 'c', 'd', 'e']);
  });

  it('keeps what was selected before a range and keeps the anchor for the next shift-click', () => {
    let s = toggle(emptySelection, 'f');
    s = toggle(s, 'a');
    s = clickSelect(s, order, 'c', true);
    expect(ids(s)).toEqual(['a', 'b', 'c', 'f']);
    s = clickSelect(s, order, 'b', true);
    expect(s.anchor).toBe('a');
    expect(ids(s)).toEqual(['a', 'b', 'c', 'f']);
  });

  it('treats a shift-click without an anchor as a plain toggle', () => {
    const s = selectRange(emptySelection, order, 'd');
    expect(ids(s)).toEqual(['d']);
    expect(s.anchor).toBe('d');
  });

  it('selects all, forgets images no longer shown and lists the selection in display order', () => {
    let s = selectAll(order);
    expect(s.ids.size).toBe(6);
    s = retainOnly(s, ['f', 'b', 'd']);
    expect(ids(s)).toEqual(['b', 'd', 'f']);
    expect(selectedInOrder(s, ['f', 'd', 'b', 'x'])).toEqual(['f', 'd', 'b']);
  });

  it('drops the anchor when its image leaves the list', () => {
    const s = retainOnly(toggle(emptySelection, 'c'), ['a', 'b']);
    expect(s.anchor).toBeNull();
  });

  it('moves keyboard focus across the grid and stays inside it', () => {
    expect(moveFocus(0, 'ArrowRight', 4, 10)).toBe(1);
    expect(moveFocus(1, 'ArrowDown', 4, 10)).toBe(5);
    expect(moveFocus(8, 'ArrowDown', 4, 10)).toBe(9);
    expect(moveFocus(2, 'ArrowUp', 4, 10)).toBe(0);
    expect(moveFocus(5, 'End', 4, 10)).toBe(9);
    expect(moveFocus(5, 'Home', 4, 10)).toBe(0);
    expect(moveFocus(5, 'x', 4, 10)).toBeNull();
  });
});
