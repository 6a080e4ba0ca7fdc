import type { WorkflowRunStatus } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';

export const isActive = (status: WorkflowRunStatus): boolean => status === 'queued' || status === 'running';

/** Runs `task` for step `index`; a refusal (4xx) comes back naming the step, with its code and details kept. */
export async function atStep<T>(index: number, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500 && !err.message.startsWith('Step ')) {
      throw new AppError(err.code, `Step ${index + 1}: ${err.message}`, { ...err.details, step: index }, err.headers);
    }
    throw err;
  }
}
