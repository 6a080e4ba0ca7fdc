import { useSyncExternalStore } from 'react';
import type { Asset, GenerationParams } from '../api/types';

/**
 * What the Create form should start from when another screen sends the person there: "remix" loads a
 * generation's prompt and parameters, "use as reference" adds an image. The Create screen consumes it once.
 */
export interface CreateDraft {
  prompt?: string;
  engine?: string;
  params?: Partial<GenerationParams>;
  references: Pick<Asset, 'id' | 'urls' | 'width' | 'height'>[];
}

let draft: CreateDraft = { references: [] };
const listeners = new Set<() => void>();

function emit(next: CreateDraft): void {
  draft = next;
  for (const listener of listeners) listener();
}

export const createDraft = {
  get: () => draft,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  remix(input: { prompt: string; engine: string; params: Partial<GenerationParams> }): void {
    emit({ ...input, references: [] });
  },
  addReference(asset: CreateDraft['references'][number]): void {
    if (draft.references.some((r) => r.id === asset.id)) return;
    emit({ ...draft, references: [...draft.references, asset] });
  },
  /** Hands the draft to the Create form and clears it. */
  take(): CreateDraft {
    const taken = draft;
    emit({ references: [] });
    return taken;
  },
};

export function useCreateDraft(): CreateDraft {
  return useSyncExternalStore(createDraft.subscribe, createDraft.get, createDraft.get);
}
