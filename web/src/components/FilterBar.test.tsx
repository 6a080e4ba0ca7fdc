import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { FilterBar, FilterSelect } from './FilterBar';

interface Filter {
  q?: string;
  colour?: string;
}

function Harness({ initial = {} }: { initial?: Filter }) {
  const [filter, setFilter] = useState<Filter>(initial);
  return (
    <>
      <FilterBar filter={filter} onChange={setFilter} label="Filters" searchLabel="Search">
        <FilterSelect label="Colour" value={filter.colour} allLabel="Any colour"
          options={[{ value: 'red', label: 'Red' }, { value: 'blue', label: 'Blue' }]}
          onChange={(colour) => setFilter({ ...filter, colour })} />
      </FilterBar>
      <output data-testid="filter">{JSON.stringify(filter)}</output>
    </>
  );
}

const applied = () => JSON.parse(screen.getByTestId('filter').textContent!) as Filter;

afterEach(cleanup);

describe('the filter bar', () => {
  it('applies the typed search once typing pauses, trimmed, keeping the other filters', async () => {
    render(<Harness initial={{ colour: 'red' }} />);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '  harbour  ' } });
    expect(applied()).toEqual({ colour: 'red' });
    await waitFor(() => expect(applied()).toEqual({ colour: 'red', q: 'harbour' }));
  });

  it('applies the search at once on Enter, and clears it when the box is emptied', async () => {
    render(<Harness initial={{ q: 'kite' }} />);
    const search = screen.getByLabelText('Search') as HTMLInputElement;
    expect(search.value).toBe('kite');
    fireEvent.change(search, { target: { value: 'lighthouse' } });
    fireEvent.submit(screen.getByRole('search', { name: 'Filters' }));
    expect(applied()).toEqual({ q: 'lighthouse' });
    fireEvent.change(search, { target: { value: '   ' } });
    fireEvent.submit(screen.getByRole('search', { name: 'Filters' }));
    expect(applied()).toEqual({});
  });

  it('sets a select filter, and its first option clears it again', () => {
    render(<Harness />);
    const colour = screen.getByLabelText('Colour') as HTMLSelectElement;
    expect([...colour.options].map((o) => o.text)).toEqual(['Any colour', 'Red', 'Blue']);
    fireEvent.change(colour, { target: { value: 'blue' } });
    expect(applied()).toEqual({ colour: 'blue' });
    fireEvent.change(colour, { target: { value: '' } });
    expect(applied()).toEqual({});
  });
});
