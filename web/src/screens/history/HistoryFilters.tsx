import { useEffect, useState } from 'react';
import { enginesApi } from '../../api/engines';
import type { HistoryFilter } from '../../api/history';
import type { EngineCapabilities, GenerationStatus } from '../../api/types';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export const STATUSES: GenerationStatus[] = ['queued', 'running', 'succeeded', 'partial', 'failed', 'canceled'];

export const statusKey = (status: GenerationStatus) => `history.status.${status}` as MessageKey;

export function HistoryFilters({ filter, onChange }: { filter: HistoryFilter; onChange(filter: HistoryFilter): void }) {
  const t = useT();
  const [engines, setEngines] = useState<EngineCapabilities[]>([]);

  useEffect(() => {
    enginesApi.list().then((r) => setEngines(r.items), () => setEngines([]));
  }, []);

  return (
    <FilterBar filter={filter} onChange={onChange} label={t('history.filters')} searchLabel={t('history.search')}>
      <FilterSelect label={t('history.status')} value={filter.status} allLabel={t('history.statusAll')}
        options={STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        onChange={(status) => onChange({ ...filter, status: status as GenerationStatus | undefined })} />
      <FilterSelect label={t('history.engine')} value={filter.engine} allLabel={t('history.engineAll')}
        options={engines.map((engine) => ({ value: engine.id, label: engine.name }))} onChange={(engine) => onChange({ ...filter, engine })} />
      <FilterSelect label={t('history.mode')} value={filter.mode} allLabel={t('history.modeAll')}
        options={[{ value: 'generate', label: t('history.modeGenerate') }, { value: 'edit', label: t('history.modeEdit') }]}
        onChange={(mode) => onChange({ ...filter, mode: mode as HistoryFilter['mode'] })} />
    </FilterBar>
  );
}
