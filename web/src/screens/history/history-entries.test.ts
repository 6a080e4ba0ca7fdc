import { describe, expect, it } from 'vitest';
import type { Generation } from '../../api/types';
import type { WorkflowRun } from '../../api/workflows';
import { historyEntries } from './history-entries';

const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`;
const gen = (id: string, minute: number) => ({ id, createdAt: at(minute) }) as Generation;
const run = (id: string, minute: number) => ({ id, createdAt: at(minute) }) as WorkflowRun;
const ids = (e: ReturnType<typeof historyEntries>) => e.map((x) => `${x.kind}:${x.item.id}`);

describe('History\'s items', () => {
  it('puts each workflow run among the generations of its time, newest first', () => {
    const runs = [run('r-new', 50), run('r-mid', 30), run('r-old', 5)];
    expect(ids(historyEntries([gen('g1', 40), gen('g2', 20)], runs, false))).toEqual(['run:r-new', 'generation:g1', 'run:r-mid', 'generation:g2']);
    // Older than every loaded generation: shown once the last page is in.
    expect(ids(historyEntries([gen('g1', 40), gen('g2', 20)], runs, true))).toEqual(['run:r-new', 'generation:g1', 'run:r-mid', 'generation:g2', 'run:r-old']);
    expect(ids(historyEntries([], runs, true))).toEqual(['run:r-new', 'run:r-mid', 'run:r-old']);
    expect(historyEntries([], runs, false)).toEqual([]);
  });
});
