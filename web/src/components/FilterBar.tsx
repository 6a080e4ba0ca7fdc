import { useEffect, useId, useState, type ReactNode } from 'react';

const SEARCH_DELAY_MS = 300;

interface FilterBarProps<F extends { q?: string }> {
  filter: F;
  onChange(filter: F): void;
  /** Accessible name of the whole bar. */
  label: string;
  searchLabel: string;
  /** The screen's own filters, after the search box. */
  children: ReactNode;
}

/** A search form: its text search applies after a pause in typing (at once on Enter); the screen adds its own filters. */
export function FilterBar<F extends { q?: string }>({ filter, onChange, label, searchLabel, children }: FilterBarProps<F>) {
  const id = useId();
  const [query, setQuery] = useState(filter.q ?? '');
  // The search this bar last applied or was given. When the filter's search changes to something else from outside
  // (the URL after Back, a bookmark), the box shows it instead of re-applying the text it still holds.
  const [known, setKnown] = useState(filter.q ?? '');
  if ((filter.q ?? '') !== known) {
    setKnown(filter.q ?? '');
    setQuery(filter.q ?? '');
  }

  const apply = (text: string) => {
    setKnown(text.trim());
    onChange({ ...filter, q: text.trim() || undefined });
  };

  useEffect(() => {
    if ((filter.q ?? '') === query.trim()) return;
    const timer = setTimeout(() => apply(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter, onChange]);

  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(e) => { e.preventDefault(); apply(query); }}>
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>{searchLabel}</label>
        <input id={`${id}-q`} type="search" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {children}
    </form>
  );
}

interface FilterSelectProps {
  label: string;
  value: string | undefined;
  /** The first option, which clears this filter. */
  allLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange(value: string | undefined): void;
}

/** One filter of a FilterBar: a select whose first option means "any". */
export function FilterSelect({ label, value, allLabel, options, onChange }: FilterSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{allLabel}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}
