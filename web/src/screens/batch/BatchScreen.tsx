import { useCallback, useEffect, useId, useState, type DragEvent } from 'react';
import { BATCH_TEMPLATE_CSV, batchesApi, isActive, type Batch, type BatchSummary } from '../../api/batches';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { CostNotice, type CostRequest } from '../create/CostNotice';
import { useBillingSummary } from '../create/use-billing-summary';
import './batch.css';

const POLL_MS = 2000;
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(BATCH_TEMPLATE_CSV)}`;

const statusKey = (status: Batch['rows'][number]['status']) => `batch.status.${status}` as MessageKey;
const rowsDone = (b: BatchSummary) => b.rowCount - b.counts.waiting - b.counts.queued - b.counts.running;

/** Upload a file of prompts, follow each row's progress (polled while running), cancel, download the zip. */
/** The columns of a batch file besides the required prompt (named as the file names them, in every language). */
const BATCH_OPTIONAL_COLUMNS = ['size', 'count', 'style', 'seed', 'engine', 'references', 'workflow'] as const;

export default function BatchScreen() {
  const { t } = useI18n();
  const id = useId();
  const [batches, setBatches] = useState<BatchSummary[] | null>(null);
  const [current, setCurrent] = useState<Batch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const loadList = useCallback(() => {
    batchesApi.list().then((r) => setBatches(r.items), setError);
  }, []);
  useEffect(loadList, [loadList]);

  const show = (batchId: string) => void batchesApi.get(batchId).then(setCurrent, setError);

  // Live progress: poll the shown batch until every row has finished.
  useEffect(() => {
    if (!current || !isActive(current)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      batchesApi.get(current.id, controller.signal).then((b) => {
        setCurrent(b);
        if (!isActive(b)) loadList();
      }, (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setError(err);
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [current, loadList]);

  // With plans, a chosen file is priced first and started only when the person confirms.
  const [billing, refreshBilling] = useBillingSummary();
  const [priced, setPriced] = useState<{ file: File; requests: CostRequest[] } | null>(null);
  const choose = (file: File | undefined) => {
    if (!file) return;
    if (!billing?.plan) return start(file);
    setPriced(null);
    setBusy(true);
    setError(null);
    batchesApi.cost(file).then(({ requests }) => setPriced({ file, requests }), setError).finally(() => setBusy(false));
  };

  const start = (file: File | undefined) => {
    if (!file) return;
    setPriced(null);
    setBusy(true);
    setError(null);
    batchesApi.create(file).then((b) => {
      setCurrent(b);
      loadList();
      if (billing?.plan) refreshBilling();
    }, setError).finally(() => setBusy(false));
  };

  const cancel = (batchId: string) => void batchesApi.cancel(batchId).then((b) => {
    setCurrent(b);
    loadList();
  }, setError);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  return (
    <div className="batch-screen">
      <h1>{t('batch.title')}</h1>
      <p className="muted">{t('batch.intro')}</p>
      <p className="muted">{t('batch.pacing')}</p>
      <p className="muted">
        {t('batch.columns')} <code>prompt</code> {t('batch.columnRequired')}
        {BATCH_OPTIONAL_COLUMNS.map((column) => <span key={column}> · <code>{column}</code></span>)}
      </p>
      <p><a href={TEMPLATE_HREF} download="atelier-batch-template.csv">{t('batch.template')}</a></p>
      <div
        className={`card batch-drop${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('batch.drop')}</p>
        <label htmlFor={`${id}-file`} className="button">{t('batch.choose')}</label>
        <input id={`${id}-file`} type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" className="visually-hidden"
          disabled={busy} onChange={(e) => { choose(e.target.files?.[0]); e.target.value = ''; }} />
        {busy && <p role="status">{t('batch.uploading')}</p>}
      </div>
      {priced && (
        <div className="card batch-priced">
          <p>{t('batch.priced', { file: priced.file.name })} <CostNotice billing={billing} requests={priced.requests} id={`${id}-cost`} /></p>
          <div className="batch-actions">
            <button type="button" className="button primary" disabled={busy} aria-describedby={`${id}-cost`} onClick={() => start(priced.file)}>{t('batch.start')}</button>
            <button type="button" className="button" onClick={() => setPriced(null)}>{t('batch.dontStart')}</button>
          </div>
        </div>
      )}
      {error !== null && <p className="error" role="alert">{errorText(t, error)}</p>}

      {current && (
        <section className="card" aria-labelledby={`${id}-current`}>
          <h2 id={`${id}-current`}>{current.fileName}</h2>
          <progress max={1} value={current.progress} aria-label={t('batch.line', {
            file: current.fileName, done: rowsDone(current), rows: current.rowCount, status: t(statusKey(current.status)),
          })} />
          <p role="status">{t('batch.line', { file: current.fileName, done: rowsDone(current), rows: current.rowCount, status: t(statusKey(current.status)) })}</p>
          {current.counts.waiting > 0 && isActive(current) && <p className="muted">{t('batch.waiting', { count: current.counts.waiting })}</p>}
          <div className="batch-actions">
            {isActive(current) && <button type="button" onClick={() => cancel(current.id)}>{t('batch.cancel')}</button>}
            {rowsDone(current) > 0 && <a className="button" href={batchesApi.archiveUrl(current.id)} download>{t('batch.download')}</a>}
          </div>
          <h3>{t('batch.rows')}</h3>
          <ol className="batch-rows">
            {current.rows.map((r) => (
              <li key={r.row}>{t('batch.row', { row: r.row, line: r.line })}: {t(statusKey(r.status))}</li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby={`${id}-recent`}>
        <h2 id={`${id}-recent`}>{t('batch.recent')}</h2>
        {batches?.length === 0 && <p className="muted">{t('batch.none')}</p>}
        <ul className="batch-list">
          {batches?.map((b) => (
            <li key={b.id}>
              <span>{t('batch.line', { file: b.fileName, done: rowsDone(b), rows: b.rowCount, status: t(statusKey(b.status)) })}</span>
              <button type="button" onClick={() => show(b.id)}>{t('batch.show')}</button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
