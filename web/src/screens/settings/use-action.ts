import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

/** Runs one async action at a time for a settings form: busy flag, the last error, and a success flag. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const running = useRef(false);
  const run = useCallback(async (task: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await task();
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run, setError };
}

/** A 404 from an endpoint that other engineers are still adding: the section says it is not available yet. */
export const isMissingEndpoint = (err: unknown) => err instanceof ApiError && err.status === 404;

/** The field an API error names (details.field), when it is one of the given ones. */
export function errorField<F extends string>(err: unknown, fields: readonly F[]): F | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const field = err.details?.field;
  return typeof field === 'string' && (fields as readonly string[]).includes(field) ? (field as F) : undefined;
}

export const formatDate = (iso: string | null | undefined, locale: string) =>
  iso ? new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
