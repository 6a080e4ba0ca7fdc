import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';

/** How one filter field is written in the URL query. */
export type FieldSpec =
  | { type: 'text' }
  | { type: 'flag' }
  | { type: 'choice'; values: readonly string[] };

/** Every field of a filter with its URL form; the key order is the order of the query string. */
export type FilterSpec<F> = { [K in keyof F]-?: FieldSpec };

/**
 * Reads a filter from a query string. Anything a person could have typed into the address bar is checked: an
 * unknown key, an empty value or a value outside a field's choices is left out, so the screen shows "all"
 * instead of an error.
 */
export function filterFromSearch<F>(search: string, spec: FilterSpec<F>): F {
  const params = new URLSearchParams(search);
  const filter: Record<string, string | boolean> = {};
  for (const [key, field] of Object.entries(spec) as [string, FieldSpec][]) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (field.type === 'flag') {
      if (value === '1' || value === 'true') filter[key] = true;
    } else if (field.type === 'choice') {
      if (field.values.includes(value)) filter[key] = value;
    } else {
      filter[key] = value;
    }
  }
  return filter as F;
}

/** The query string of a filter (without "?"): fields in the spec's order, unset ones left out, flags as 1. */
export function searchFromFilter<F>(filter: F, spec: FilterSpec<F>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(spec) as (keyof F & string)[]) {
    const value = filter[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  return params.toString();
}

/**
 * Whether going from one filter to the next is typing in a search box: only text fields change (started, refined or
 * cleared). Typing "red", pausing, then "red fox", then clearing the box is no step of its own for Back.
 */
export function onlyTextChanged<F>(from: F, to: F, spec: FilterSpec<F>): boolean {
  let changed = false;
  for (const key of Object.keys(spec) as (keyof F & string)[]) {
    const a = from[key] || undefined;
    const b = to[key] || undefined;
    if (a === b) continue;
    if (spec[key].type !== 'text') return false;
    changed = true;
  }
  return changed;
}

/**
 * A screen's filter kept in the URL query: a filtered view can be bookmarked or shared, survives a reload, and
 * each choice (kind, album, favourites…) is a history entry, so the Back button returns to the previous filter.
 * Typing in a search box replaces the current entry instead (see `onlyTextChanged`): Back goes to the screen or
 * filter before, rather than stepping through every pause in typing.
 */
export function useUrlFilter<F>(spec: FilterSpec<F>): [F, (filter: F) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const filter = useMemo(() => filterFromSearch(search, spec), [search, spec]);
  const setFilter = useCallback(
    (next: F) => {
      const query = searchFromFilter(next, spec);
      if (query === searchFromFilter(filter, spec)) return;
      navigate(query ? `${location}?${query}` : location, { replace: onlyTextChanged(filter, next, spec) });
    },
    [filter, spec, location, navigate],
  );
  return [filter, setFilter];
}
