import type { AnalyticsDay } from '../../api/admin';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const BREAKDOWNS: { key: 'features' | 'engines' | 'styles' | 'sizes'; label: MessageKey }[] = [
  { key: 'features', label: 'admin.features' },
  { key: 'engines', label: 'admin.enginesUsed' },
  { key: 'styles', label: 'admin.styles' },
  { key: 'sizes', label: 'admin.sizes' },
];

/** "generate 3 · edit 1", largest first. */
const counts = (c: Record<string, number>) =>
  Object.entries(c).sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n}`).join(' · ') || '—';

const counted = (d: AnalyticsDay) => d.visitors > 0 || BREAKDOWNS.some((b) => Object.keys(d[b.key]).length > 0);

/** Daily aggregates as a table, newest first, days with nothing counted left out: visitors, then each breakdown. */
export function AnalyticsTable({ days: all }: { days: AnalyticsDay[] }) {
  const t = useT();
  const days = all.filter(counted).reverse();
  if (days.length === 0) return <p className="muted">{t('admin.analyticsEmpty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.analytics')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.day')}</th>
            <th scope="col">{t('admin.visitors')}</th>
            {BREAKDOWNS.map((b) => <th key={b.key} scope="col">{t(b.label)}</th>)}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.visitors}</td>
              {BREAKDOWNS.map((b) => <td key={b.key}>{counts(d[b.key])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
