import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { historyApi, type HistoryFilter } from '../../api/history';
import type { Generation } from '../../api/types';
import { useKeysetPager } from '../../components/keyset-pager';
import { listTotalText, type TotalTexts } from '../../components/list-total';
import { useUrlFilter, type FilterSpec } from '../../components/url-filter';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { HistoryCard } from './HistoryCard';
import { historyEntries } from './history-entries';
import { HistoryRunCard } from './HistoryRunCard';
import { workflowsApi, type WorkflowRun } from '../../api/workflows';
import { HistoryFilters, STATUSES } from './HistoryFilters';
import '../gallery/gallery.css';
import './history.css';

const PAGE_SIZE = 20;
const RUNS_SHOWN = 100;
const HISTORY_TOTAL: TotalTexts = { all: 'history.countAll', atLeast: 'history.countAtLeast', about: 'history.countAbout', loaded: 'history.count' };

/** History's filters as they appear in the address (?status=failed&mode=edit&q=fox). */
const FILTER_IN_URL: FilterSpec<HistoryFilter> = {
  status: { type: 'choice', values: STATUSES },
  engine: { type: 'text' },
  mode: { type: 'choice', values: ['generate', 'edit'] },
  q: { type: 'text' },
};

/** Every generation and edit, newest first, with filters and infinite scroll on keyset cursors. */
export default function HistoryScreen() {
  const t = useT();
  const [filter, setFilter] = useUrlFilter(FILTER_IN_URL);
  const [state, pager] = useKeysetPager<Generation>(JSON.stringify(filter), (cursor, signal) => historyApi.list(filter, cursor, PAGE_SIZE, signal));
  const [notice, setNotice] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void pager.loadMore();
    }, { rootMargin: '600px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [pager]);

  const onRerun = useCallback(
    (started: Generation) => {
      pager.prepend(started);
      setNotice(t('history.rerunStarted'));
    },
    [pager, t],
  );

  const filtered = Object.values(filter).some((v) => v !== undefined);
  // Workflow runs are History items too (the newest RUNS_SHOWN, placed by time); a filter of generations hides them.
  const [runs, setRuns] = useState<WorkflowRun[]>([]);
  useEffect(() => {
    if (filtered) return;
    let live = true;
    workflowsApi.runs(undefined, RUNS_SHOWN).then((r) => live && setRuns(r.items), () => undefined);
    return () => {
      live = false;
    };
  }, [filtered]);
  const entries = useMemo(() => historyEntries(state.items, filtered ? [] : runs, state.done), [state.items, runs, filtered, state.done]);
  return (
    <section>
      <h1>{t('history.title')}</h1>
      <p className="muted" aria-live="polite">{state.initial ? '' : listTotalText(t, state, HISTORY_TOTAL)}</p>
      <HistoryFilters filter={filter} onChange={setFilter} />
      <div role="status">{notice && <p className="alert success">{notice}</p>}</div>
      {state.initial && <p className="loading" role="status">{t('common.loading')}</p>}
      {state.done && entries.length === 0 && <p className="empty-state">{t(filtered ? 'history.emptyFiltered' : 'history.empty')}</p>}
      <div className="history-list">
        {entries.map((e) => (e.kind === 'run'
          ? <HistoryRunCard key={`run-${e.item.id}`} run={e.item} />
          : <HistoryCard key={e.item.id} generation={e.item} onRerun={onRerun} />))}
      </div>
      <div ref={sentinel} className="grid-footer">
        {state.error != null && (
          <p className="alert error" role="alert">
            {errorText(t, state.error)} <button type="button" className="button" onClick={() => void pager.loadMore()}>{t('common.retry')}</button>
          </p>
        )}
        {!state.initial && state.loading && <p className="muted" role="status">{t('history.loadingMore')}</p>}
        {!state.initial && !state.loading && !state.done && state.error == null && (
          <button type="button" className="button" onClick={() => void pager.loadMore()}>{t('history.loadMore')}</button>
        )}
      </div>
    </section>
  );
}
