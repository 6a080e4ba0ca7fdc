import { useEffect, useReducer } from 'react';
import { generationsApi } from '../../api/generations';
import type { Generation } from '../../api/types';
import { initialProgress, isFinished, progressReducer, type ProgressEvent, type ProgressState } from './generation-progress';

const STREAM_EVENTS = ['status', 'progress', 'preview', 'image', 'output_error'] as const;

/**
 * Follows one generation live over Server-Sent Events. The stream closes itself once the generation ends;
 * when EventSource gives up (proxy drops it), a fresh snapshot is fetched so the tiles still settle.
 */
export function useGenerationStream(initial: Generation): ProgressState {
  const [state, dispatch] = useReducer(progressReducer, initial, initialProgress);

  useEffect(() => {
    if (isFinished(initial.status) || typeof EventSource === 'undefined') return;
    const source = new EventSource(generationsApi.eventsUrl(initial.id), { withCredentials: true });
    let done = false;
    const finish = () => {
      done = true;
      source.close();
    };
    source.addEventListener('generation', (e) => {
      const generation = JSON.parse((e as MessageEvent<string>).data) as Generation;
      dispatch({ type: 'generation', generation });
      if (isFinished(generation.status)) finish();
    });
    for (const name of STREAM_EVENTS) {
      source.addEventListener(name, (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as ProgressEvent;
        dispatch({ ...data, type: name } as ProgressEvent);
      });
    }
    const controller = new AbortController();
    source.onerror = () => {
      if (done || source.readyState !== EventSource.CLOSED) return;
      generationsApi.get(initial.id, controller.signal).then(
        (generation) => dispatch({ type: 'generation', generation }),
        () => {},
      );
    };
    return () => {
      controller.abort();
      finish();
    };
  }, [initial.id, initial.status]);

  return state;
}
