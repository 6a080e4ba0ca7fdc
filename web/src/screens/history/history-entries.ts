import type { Generation } from '../../api/types';
import type { WorkflowRun } from '../../api/workflows';

/** One item of History: a generation or edit, or a workflow run. */
export type HistoryEntry = { kind: 'generation'; item: Generation } | { kind: 'run'; item: WorkflowRun };

/**
 * History's items newest first: the loaded generations with the workflow runs made in the time they span (every run
 * once the last page is loaded), so that a run appears where it belongs and does not jump as pages load.
 */
export function historyEntries(generations: readonly Generation[], runs: readonly WorkflowRun[], allLoaded: boolean): HistoryEntry[] {
  const oldest = generations.at(-1)?.createdAt;
  const shown = allLoaded || oldest === undefined ? (allLoaded ? runs : []) : runs.filter((r) => r.createdAt >= oldest);
  const entries: HistoryEntry[] = [
    ...generations.map((item) => ({ kind: 'generation' as const, item })),
    ...shown.map((item) => ({ kind: 'run' as const, item })),
  ];
  return entries.sort((a, b) => (a.item.createdAt < b.item.createdAt ? 1 : a.item.createdAt > b.item.createdAt ? -1 : 0));
}
