import { useEffect, useId, useState } from 'react';
import { enginesApi } from '../../api/engines';
import type { HistoryFilter } from '../../api/history';
import type { EngineCapabilities, GenerationStatus } from '../../api/types';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const STATUSES: GenerationStatus[] = ['queued', 'running', 'succeeded', 'partial', 'failed', 'canceled'];
const SEARCH_DELAY_MS = 300;

export const statusKey = (status: GenerationStatus) => `history.status.${status}` as MessageKey;

export function HistoryFilters({ filter, onChange }: { filter: HistoryFilter; onChange(filter: HistoryFilter): void }) {
  const t = useT();
  const id = useId();
  const [engines, setEngines] = useState<EngineCapabilities[]>([]);
  const [query, setQuery] = useState(filter.q ?? '');

  useEffect(() => {
    enginesApi.list().then((r) => setEngines(r.items), () => setEngines([]));
  }, []);

  useEffect(() => {
    if ((filter.q ?? '') === query.trim()) return;
    const timer = setTimeout(() => onChange({ ...filter, q: query.trim() || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter, onChange]);

  return (
    <form className="filters" role="search" aria-label={t('history.filters')} onSubmit={(e) => { e.preventDefault(); onChange({ ...filter, q: query.trim() || undefined }); }}>
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>{t('history.search')}</label>
        <input id={`${id}-q`} type="search" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('history.status')}</label>
        <select id={`${id}-status`} value={filter.status ?? ''} onChange={(e) => onChange({ ...filter, status: (e.target.value || undefined) as GenerationStatus | undefined })}>
          <option value="">{t('history.statusAll')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(statusKey(s))}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-engine`}>{t('history.engine')}</label>
        <select id={`${id}-engine`} value={filter.engine ?? ''} onChange={(e) => onChange({ ...filter, engine: e.target.value || undefined })}>
          <option value="">{t('history.engineAll')}</option>
          {engines.map((engine) => <option key={engine.id} value={engine.id}>{engine.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`}>{t('history.mode')}</label>
        <select id={`${id}-mode`} value={filter.mode ?? ''} onChange={(e) => onChange({ ...filter, mode: (e.target.value || undefined) as HistoryFilter['mode'] })}>
          <option value="">{t('history.modeAll')}</option>
          <option value="generate">{t('history.modeGenerate')}</option>
          <option value="edit">{t('history.modeEdit')}</option>
        </select>
      </div>
    </form>
  );
}
