import { useT } from '../../i18n/i18n';

type Row = Record<string, unknown>;

/** Finds the list of daily rows in whatever envelope the endpoint answers with. */
export function analyticsRows(data: unknown): Row[] {
  if (Array.isArray(data)) return data as Row[];
  if (data && typeof data === 'object') {
    for (const key of ['days', 'items', 'rows', 'daily']) {
      const value = (data as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as Row[];
    }
  }
  return [];
}

const cell = (v: unknown) => (v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Daily aggregates as a table, one column per field the server reports. */
export function AnalyticsTable({ data }: { data: unknown }) {
  const t = useT();
  const rows = analyticsRows(data);
  if (rows.length === 0) return <p className="muted">{t('admin.analyticsEmpty')}</p>;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.analytics')}>
      <table>
        <thead>
          <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{columns.map((c) => <td key={c}>{cell(r[c])}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
