import { abortableSleep } from './retry.js';

/** Time-related collaborators of the adapters; tests replace them to observe waits without sleeping. */
export interface ProviderRuntime {
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  now(): number;
}

export const realRuntime: ProviderRuntime = {
  sleep: abortableSleep,
  random: Math.random,
  now: () => performance.now(),
};
