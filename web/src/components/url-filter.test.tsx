import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { FilterBar, FilterSelect } from './FilterBar';
import { filterFromSearch, onlyTextChanged, searchFromFilter, useUrlFilter, type FilterSpec } from './url-filter';

interface Filter {
  kind?: 'upload' | 'generated';
  favorite?: boolean;
  q?: string;
}

const spec: FilterSpec<Filter> = { kind: { type: 'choice', values: ['upload', 'generated'] }, favorite: { type: 'flag' }, q: { type: 'text' } };

afterEach(cleanup);

describe('filters kept in the URL query', () => {
  it('writes set fields in a fixed order, flags as 1, and leaves unset ones out', () => {
    expect(searchFromFilter({ q: 'red fox', favorite: true, kind: 'upload' }, spec)).toBe('kind=upload&favorite=1&q=red+fox');
    expect(searchFromFilter({ favorite: false, q: '' }, spec)).toBe('');
  });

  it('reads back what it wrote', () => {
    const filter: Filter = { kind: 'generated', favorite: true, q: 'a "quoted" & odd?=query' };
    expect(filterFromSearch(searchFromFilter(filter, spec), spec)).toEqual(filter);
  });

  it('drops values a person could have typed that the screen cannot use', () => {
    expect(filterFromSearch('kind=bogus&favorite=maybe&q=%20%20&cursor=abc&other=1', spec)).toEqual({});
    expect(filterFromSearch('?favorite=true&kind=upload', spec)).toEqual({ favorite: true, kind: 'upload' });
  });

  it('follows the address: each change adds a history entry, and an earlier address (as Back gives) shows its filter again', () => {
    const memory = memoryLocation({ path: '/gallery?kind=upload', record: true });
    let setFilter: (f: Filter) => void = () => {};
    function Probe() {
      const [filter, set] = useUrlFilter(spec);
      setFilter = set;
      return <output data-testid="filter">{JSON.stringify(filter)}</output>;
    }
    render(
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <Probe />
      </Router>,
    );
    const shown = () => JSON.parse(screen.getByTestId('filter').textContent!) as Filter;
    expect(shown()).toEqual({ kind: 'upload' });

    act(() => setFilter({ kind: 'upload', favorite: true }));
    expect(memory.history!.at(-1)).toBe('/gallery?kind=upload&favorite=1');
    expect(shown()).toEqual({ kind: 'upload', favorite: true });

    act(() => setFilter({ kind: 'upload', favorite: true }));
    expect(memory.history).toHaveLength(2);

    act(() => memory.navigate('/gallery?kind=upload'));
    expect(shown()).toEqual({ kind: 'upload' });

    act(() => setFilter({}));
    expect(memory.history!.at(-1)).toBe('/gallery');
  });

  it('typing a search replaces the history entry (starting, refining and clearing it), so Back goes to the screen before', () => {
    const memory = memoryLocation({ path: '/gallery?kind=upload', record: true });
    let setFilter: (f: Filter) => void = () => {};
    function Probe() {
      setFilter = useUrlFilter(spec)[1];
      return null;
    }
    render(
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <Probe />
      </Router>,
    );
    act(() => setFilter({ kind: 'upload', q: 'red' }));
    act(() => setFilter({ kind: 'upload', q: 'red fox' }));
    act(() => setFilter({ kind: 'upload', q: 'red fox in snow' }));
    expect(memory.history).toEqual(['/gallery?kind=upload&q=red+fox+in+snow']);
    // Another field is a step of its own; clearing the search again is not.
    act(() => setFilter({ kind: 'upload', favorite: true, q: 'red fox in snow' }));
    act(() => setFilter({ kind: 'upload', favorite: true }));
    expect(memory.history).toEqual(['/gallery?kind=upload&q=red+fox+in+snow', '/gallery?kind=upload&favorite=1']);
  });

  it('tells typing in the search box from other changes', () => {
    expect(onlyTextChanged<Filter>({ q: 'red' }, { q: 'red fox' }, spec)).toBe(true);
    expect(onlyTextChanged<Filter>({}, { q: 'red' }, spec)).toBe(true);
    expect(onlyTextChanged<Filter>({ q: 'red' }, {}, spec)).toBe(true);
    expect(onlyTextChanged<Filter>({ q: 'red' }, { q: 'blue', favorite: true }, spec)).toBe(false);
    expect(onlyTextChanged<Filter>({ favorite: true }, { favorite: true }, spec)).toBe(false);
  });

  it('a filter bar over the URL shows the filter of the address it is given, search box included, and keeps it', async () => {
    const memory = memoryLocation({ path: '/gallery?q=fox', record: true });
    function Screen() {
      const [filter, setFilter] = useUrlFilter(spec);
      return (
        <FilterBar filter={filter} onChange={setFilter} label="Filters" searchLabel="Search">
          <FilterSelect label="Kind" value={filter.kind} allLabel="All" options={[{ value: 'upload', label: 'Uploads' }]}
            onChange={(kind) => setFilter({ ...filter, kind: kind as Filter['kind'] })} />
        </FilterBar>
      );
    }
    render(
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <Screen />
      </Router>,
    );
    const search = screen.getByLabelText('Search') as HTMLInputElement;
    expect(search.value).toBe('fox');

    fireEvent.change(search, { target: { value: 'owl' } });
    await waitFor(() => expect(memory.history!.at(-1)).toBe('/gallery?q=owl'));
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'upload' } });
    expect(memory.history!.at(-1)).toBe('/gallery?kind=upload&q=owl');
    expect(search.value).toBe('owl');

    // The address changes under the screen (Back, a bookmark): the box follows, and nothing re-applies the old text.
    act(() => memory.navigate('/gallery?q=fox'));
    expect(search.value).toBe('fox');
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('');
    await new Promise((r) => setTimeout(r, 400));
    expect(memory.history!.at(-1)).toBe('/gallery?q=fox');
  });
});
